package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.LayerNorm;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;

/**
 * One post-LN Transformer encoder layer as BERT uses it (Devlin et al., 2019; Vaswani et al.,
 * 2017, §3.1): h = LN(x + Attn(x)); out = LN(h + W₂·GELU(W₁·h)). Keys as transformers:
 * {@code attention.self.{query,key,value}}, {@code attention.output.{dense,LayerNorm}},
 * {@code intermediate.dense}, {@code output.{dense,LayerNorm}}.
 */
public final class BertLayer extends Module {

    private final Attention attention;
    private final Intermediate intermediate;
    private final ResidualOutput output;

    public BertLayer(BertConfig config) {
        attention = child("attention", new Attention(config));
        intermediate = child("intermediate", new Intermediate(config));
        output = child("output", new ResidualOutput(config.intermediateSize(), config));
    }

    /** (B, L, D) -> (B, L, D); {@code additiveMask} as in {@link SelfAttention#forward}. */
    public NDArray forward(NDArray x, NDArray additiveMask) {
        NDArray h = attention.forward(x, additiveMask);
        return output.forward(intermediate.forward(h), h);
    }

    /** {@code attention}: self-attention, then its residual output block. */
    static final class Attention extends Module {
        private final SelfAttention self;
        private final ResidualOutput output;

        Attention(BertConfig config) {
            self = child("self", new SelfAttention(config));
            output = child("output", new ResidualOutput(config.hiddenSize(), config));
        }

        NDArray forward(NDArray x, NDArray additiveMask) {
            return output.forward(self.forward(x, additiveMask), x);
        }
    }

    /** {@code attention.self}: softmax(Q·Kᵀ/√d + M)·V per head, heads concatenated (no output projection here). */
    static final class SelfAttention extends Module {
        private final int heads;
        private final int headDim;
        private final float sqrtHeadDim;
        private final Linear query;
        private final Linear key;
        private final Linear value;

        SelfAttention(BertConfig config) {
            int d = config.hiddenSize();
            heads = config.numAttentionHeads();
            headDim = config.headDim();
            sqrtHeadDim = (float) Math.sqrt(headDim);
            query = child("query", new Linear(d, d));
            key = child("key", new Linear(d, d));
            value = child("value", new Linear(d, d));
        }

        /**
         * @param x (B, L, D)
         * @param additiveMask (B, 1, 1, L): 0 for keys that may be attended, a huge negative
         *     number for padding; null = attend everywhere
         * @return (B, L, D)
         */
        NDArray forward(NDArray x, NDArray additiveMask) {
            long b = x.getShape().get(0);
            long len = x.getShape().get(1);
            NDArray q = splitHeads(query.forward(x), b, len); // (B, H, L, Dh)
            NDArray k = splitHeads(key.forward(x), b, len);
            NDArray v = splitHeads(value.forward(x), b, len);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(sqrtHeadDim); // (B, H, L, L)
            if (additiveMask != null) {
                scores = scores.add(additiveMask);
            }
            NDArray context = scores.softmax(-1).matMul(v); // (B, H, L, Dh)
            // (B, H, L, Dh) -> (B, L, H, Dh) -> (B, L, D)
            return context.transpose(0, 2, 1, 3).reshape(b, len, (long) heads * headDim);
        }

        private NDArray splitHeads(NDArray t, long b, long len) {
            return t.reshape(b, len, heads, headDim).transpose(0, 2, 1, 3);
        }
    }

    /** {@code intermediate}: the feed-forward expansion W₁·h + b₁, then exact GELU. */
    static final class Intermediate extends Module {
        private final Linear dense;

        Intermediate(BertConfig config) {
            dense = child("dense", new Linear(config.hiddenSize(), config.intermediateSize()));
        }

        /** (B, L, D) -> (B, L, I) */
        NDArray forward(NDArray h) {
            return ClipActivation.GELU.apply(dense.forward(h));
        }
    }

    /** {@code attention.output} / {@code output}: LayerNorm(residual + dense(x)). */
    static final class ResidualOutput extends Module {
        private final Linear dense;
        private final LayerNorm layerNorm;

        ResidualOutput(int in, BertConfig config) {
            dense = child("dense", new Linear(in, config.hiddenSize()));
            layerNorm = child("LayerNorm", new LayerNorm(config.hiddenSize(), (float) config.layerNormEps()));
        }

        /** x (B, L, in), residual (B, L, D) -> (B, L, D) */
        NDArray forward(NDArray x, NDArray residual) {
            return layerNorm.forward(dense.forward(x).add(residual));
        }
    }
}
