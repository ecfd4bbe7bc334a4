package com.pokegen.engine.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reference statistics computed once per (dataset version, extractor, resize method) and kept
 * in a folder, so every later evaluation of that dataset reuses them. Keys are hashed into file
 * names; the stored provenance is checked on load, so a hash collision or a hand-copied file
 * cannot slip in statistics of another extractor.
 */
public final class ReferenceStatsCache {

    /** Computes statistics on a cache miss. */
    @FunctionalInterface
    public interface StatsComputation {
        FeatureStats compute() throws IOException;
    }

    private final Path dir;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public ReferenceStatsCache(Path dir) {
        this.dir = dir;
    }

    /** The file that holds (or will hold) the statistics for this key. */
    public Path fileFor(String datasetVersion, String extractorId, String resizeMethod) {
        String key = datasetVersion + "\n" + extractorId + "\n" + resizeMethod;
        String readable = (datasetVersion + "-" + extractorId).replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60);
        }
        return dir.resolve(readable + "-" + sha256(key).substring(0, 16) + ".safetensors");
    }

    /**
     * Cached statistics, or computed by {@code computation}, labelled with {@code datasetVersion}
     * and saved. Concurrent callers for one key compute once.
     */
    public FeatureStats getOrCompute(String datasetVersion, String extractorId, String resizeMethod,
            StatsComputation computation) throws IOException {
        Path file = fileFor(datasetVersion, extractorId, resizeMethod);
        synchronized (locks.computeIfAbsent(file.toString(), k -> new Object())) {
            if (Files.isRegularFile(file)) {
                FeatureStats cached = FeatureStatsFile.load(file);
                if (cached.datasetVersion().equals(datasetVersion) && cached.extractorId().equals(extractorId)
                        && cached.resizeMethod().equals(resizeMethod)) {
                    return cached;
                }
                throw new IOException(file + ": holds statistics for " + cached + ", not for dataset " + datasetVersion
                        + " / " + extractorId + " / " + resizeMethod + "; delete the file to recompute");
            }
            FeatureStats computed = computation.compute();
            if (!computed.extractorId().equals(extractorId) || !computed.resizeMethod().equals(resizeMethod)) {
                throw new IllegalStateException("computed statistics " + computed + " do not match the requested extractor "
                        + extractorId + " / " + resizeMethod);
            }
            FeatureStats labelled = computed.withDatasetVersion(datasetVersion);
            FeatureStatsFile.save(labelled, file);
            return labelled;
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
