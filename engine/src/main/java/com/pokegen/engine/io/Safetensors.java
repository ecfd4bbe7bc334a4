package com.pokegen.engine.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One-call reading and writing of the safetensors format (8-byte little-endian header length,
 * JSON header {@code {name: {dtype, shape, data_offsets}}}, raw little-endian data). For
 * header-only inspection and tensor-by-tensor loading use {@link SafetensorsFile}; for
 * options (storage dtype) use {@link SafetensorsWriter}.
 */
public final class Safetensors {

    private Safetensors() {}

    /**
     * Loads every tensor of a file into {@code manager}, keyed by name, in header order.
     *
     * @throws SafetensorsFormatException if the file is malformed, truncated or uses an
     *     unsupported dtype; the message names the file and the tensor
     */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return f.loadAll(manager);
        }
    }

    /** Writes {@code tensors} in their own dtypes with {@code metadata} as {@code __metadata__}, atomically. */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) throws IOException {
        SafetensorsWriter.builder().optMetadata(metadata).build().write(file, tensors);
    }
}
