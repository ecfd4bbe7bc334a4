package com.pokegen.engine.data.cache;

import com.pokegen.engine.io.Checksums;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What a feature cache depends on: the dataset version, the encoders (id or weights hash), the
 * picture resolution and the stored dtype. A change to any of them names another cache.
 */
public record FeatureKey(String datasetVersion, String modelId, int resolution, String dtype) {

    /** Stored dtypes ({@code float32}, {@code float16}, {@code bfloat16}). */
    public static final Set<String> DTYPES = Set.of("float32", "float16", "bfloat16");

    public FeatureKey {
        if (datasetVersion == null || datasetVersion.isBlank() || modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("a feature cache needs a dataset version and a model id");
        }
        if (resolution < 8) {
            throw new IllegalArgumentException("resolution must be at least 8 pixels, got " + resolution);
        }
        if (!DTYPES.contains(dtype)) {
            throw new IllegalArgumentException("dtype must be one of " + DTYPES + ", got " + dtype);
        }
    }

    /** 16 hex digits of SHA-256 over the four fields: the cache folder's name. */
    public String digest() {
        String text = datasetVersion + '\n' + modelId + '\n' + resolution + '\n' + dtype;
        return Checksums.fingerprint(text.getBytes(StandardCharsets.UTF_8));
    }
}
