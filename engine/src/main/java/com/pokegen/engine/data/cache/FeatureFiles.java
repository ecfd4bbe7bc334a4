package com.pokegen.engine.data.cache;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.pokegen.engine.io.SafetensorsFile;
import com.pokegen.engine.io.SafetensorsFormatException;
import com.pokegen.engine.io.SafetensorsWriter;
import com.pokegen.engine.model.nn.FloatTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item's features as a safetensors file, through the engine's own writer and reader (so
 * {@code Safetensors.read} and Python's safetensors open them too). Floats are stored in the
 * cache's dtype; libtorch narrows them (round to nearest, ties to even).
 */
final class FeatureFiles {

    private FeatureFiles() {}

    /** Writes {@code tensors} to {@code file} as {@code dtype} ({@link FeatureKey#DTYPES}), atomically. */
    static void write(Path file, Map<String, FloatTensor> tensors, String dtype, Map<String, String> metadata)
            throws IOException {
        SafetensorsWriter writer = SafetensorsWriter.builder().optDtype(storageType(dtype)).optMetadata(metadata)
                .build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            tensors.forEach((name, t) -> arrays.put(name, t.toNDArray(manager)));
            writer.write(file, arrays);
        }
    }

    /** Reads every tensor of {@code file} back as float32, in file order. */
    static Map<String, FloatTensor> read(Path file) throws IOException {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            for (String name : f.names()) {
                out.put(name, FloatTensor.of(f.load(name, manager)));
            }
        } catch (SafetensorsFormatException e) {
            throw new IOException(e.getMessage() + "; delete the cache folder " + file.getParent().getParent()
                    + " to rebuild it", e);
        }
        return out;
    }

    private static DataType storageType(String dtype) {
        switch (dtype) {
            case "float32": return DataType.FLOAT32;
            case "float16": return DataType.FLOAT16;
            case "bfloat16": return DataType.BFLOAT16;
            default: throw new IllegalArgumentException("dtype must be one of " + FeatureKey.DTYPES + ", got " + dtype);
        }
    }
}
