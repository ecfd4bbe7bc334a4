package com.pokegen.engine.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves {@link FeatureStats} as safetensors: F64 tensors {@code mu} (D) and {@code sigma} (D, D),
 * the names clean-fid uses in its .npz statistics, with provenance in {@code __metadata__}.
 */
public final class FeatureStatsFile {

    static final String FORMAT = "pokegen-feature-stats/1";

    private FeatureStatsFile() {}

    /** Writes atomically. */
    public static void save(FeatureStats stats, Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("extractor", stats.extractorId());
        meta.put("resize", stats.resizeMethod());
        meta.put("dataset_version", stats.datasetVersion());
        meta.put("count", Long.toString(stats.count()));
        meta.put("dims", Integer.toString(stats.dims()));
        Map<String, SafetensorsFiles.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("mu", new SafetensorsFiles.Tensor("F64", new long[] {stats.dims()}, stats.mean()));
        tensors.put("sigma", new SafetensorsFiles.Tensor("F64", new long[] {stats.dims(), stats.dims()}, stats.covariance()));
        SafetensorsFiles.write(file, meta, tensors);
    }

    public static FeatureStats load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": feature statistics file not found");
        }
        Map<String, String> meta = SafetensorsFiles.metadata(file);
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(file + ": not a feature statistics file (metadata format '" + meta.get("format")
                    + "', expected '" + FORMAT + "'); delete it to recompute");
        }
        try {
            return new FeatureStats(meta.get("extractor"), meta.get("resize"), meta.get("dataset_version"),
                    Long.parseLong(meta.get("count")), Integer.parseInt(meta.get("dims")),
                    SafetensorsFiles.readF64(file, "mu"), SafetensorsFiles.readF64(file, "sigma"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(file + ": inconsistent feature statistics (" + e.getMessage() + "); delete it to recompute", e);
        }
    }
}
