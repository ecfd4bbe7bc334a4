package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * A frozen text encoder that conditions the UNet: prompts in, per-token states out. Rows are
 * always padded to {@link #maxLength()} so batches from different calls stack.
 */
public interface TextEncoder extends AutoCloseable {

    /** Encodes prompts; the returned arrays belong to {@code manager}. */
    EncodedText encode(List<String> prompts, NDManager manager);

    /** D of the hidden states (the UNet's {@code cross_attention_dim}). */
    int hiddenSize();

    /** L of the hidden states. */
    int maxLength();

    /**
     * Identifies the encoder and every setting that changes its output (weights' hash, layer,
     * length), for keying cached text states.
     */
    String id();

    @Override
    void close();
}
