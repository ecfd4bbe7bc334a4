package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;

/**
 * A batch of prompts encoded for cross-attention.
 *
 * @param hiddenStates (B, L, D) per-token states: the UNet's {@code encoder_hidden_states}
 * @param attentionMask (B, L) int64, 1 for real tokens, 0 for padding
 * @param pooled (B, D) one vector per prompt (CLIP: EOS state; MiniLM: normalised mean)
 * @param tokens the ids behind them, with per-prompt truncation counts
 */
public record EncodedText(NDArray hiddenStates, NDArray attentionMask, NDArray pooled, TokenizedBatch tokens)
        implements AutoCloseable {

    /** True when any prompt was cut to fit the encoder's length (callers should warn). */
    public boolean truncated() {
        return tokens.truncated();
    }

    @Override
    public void close() {
        hiddenStates.close();
        attentionMask.close();
        pooled.close();
    }
}
