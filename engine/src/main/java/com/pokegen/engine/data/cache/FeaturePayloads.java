package com.pokegen.engine.data.cache;

import com.pokegen.engine.model.nn.FloatTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Stores one item's features in a file and reads them back. */
public interface FeaturePayloads {

    /** Writes {@code tensors} to {@code file} in {@code dtype} ({@link FeatureKey#DTYPES}), with string metadata. */
    void write(Path file, Map<String, FloatTensor> tensors, String dtype, Map<String, String> metadata) throws IOException;

    /** Reads every tensor of {@code file} back as floats, in file order. */
    Map<String, FloatTensor> read(Path file) throws IOException;
}
