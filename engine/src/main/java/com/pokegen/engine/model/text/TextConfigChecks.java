package com.pokegen.engine.model.text;

/** Validation shared by the BERT and CLIP text configs, with transformers' key names in messages. */
final class TextConfigChecks {

    private TextConfigChecks() {}

    static void positive(String field, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + v);
        }
    }

    /** Heads must split the width evenly; the layer-norm epsilon must be positive. */
    static void attention(int hiddenSize, int numAttentionHeads, double layerNormEps) {
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize
                    + " is not divisible by num_attention_heads " + numAttentionHeads);
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_eps must be > 0, got " + layerNormEps);
        }
    }
}
