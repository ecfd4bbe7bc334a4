package com.pokegen.engine.model.blocks;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.GroupNorm;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;

/**
 * Multi-head scaled dot-product attention (Vaswani et al., 2017, eq. 1):
 * softmax(Q·Kᵀ/√d)·V per head, with diffusers' {@code Attention} parameter names
 * ({@code to_q}, {@code to_k}, {@code to_v}, {@code to_out.0}). Self-attention when no context
 * is given, cross-attention otherwise. The VAE's mid-block variant adds an input
 * {@code group_norm}, a residual connection and a rescale of the output, and works on
 * (B, C, H, W) maps.
 */
public final class Attention extends Module {

    private final int heads;
    private final long headDim;
    private final float scale;
    private final GroupNorm groupNorm;
    private final Linear toQ;
    private final Linear toK;
    private final Linear toV;
    private final Linear toOut;
    private final boolean residualConnection;
    private final float rescaleOutputFactor;

    private Attention(Builder b) {
        heads = b.heads;
        headDim = b.headDim;
        scale = (float) (1.0 / Math.sqrt(b.headDim));
        long inner = b.heads * b.headDim;
        long context = b.crossAttentionDim > 0 ? b.crossAttentionDim : b.queryDim;
        groupNorm = b.normGroups > 0
                ? child("group_norm", new GroupNorm(b.normGroups, b.queryDim, b.normEps)) : null;
        toQ = child("to_q", new Linear(b.queryDim, inner, b.qkvBias));
        toK = child("to_k", new Linear(context, inner, b.qkvBias));
        toV = child("to_v", new Linear(context, inner, b.qkvBias));
        ModuleList<Linear> out = child("to_out", new ModuleList<>());
        toOut = out.add(new Linear(inner, b.queryDim, true));
        residualConnection = b.residualConnection;
        rescaleOutputFactor = b.rescaleOutputFactor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param x (B, L, Cq) tokens
     * @param context (B, S, Cctx) for cross-attention, or null for self-attention
     * @return (B, L, Cq)
     */
    public NDArray forward(NDArray x, NDArray context) {
        NDArray input = groupNorm == null ? x : normTokens(x);
        NDArray src = context == null ? input : context;
        NDArray q = com.pokegen.engine.model.nn.Tensors.mul(toQ.forward(input), scale); // scale Q (L·d values) rather than scores (L·S)
        NDArray k = toK.forward(src);
        NDArray v = toV.forward(src);
        NDArray out = toOut.forward(attend(q, k, v));
        if (residualConnection) {
            out = out.add(x);
        }
        return rescaleOutputFactor == 1f ? out : com.pokegen.engine.model.nn.Tensors.div(out, rescaleOutputFactor);
    }

    /** Spatial form used by the VAE mid block: (B, C, H, W) -> (B, C, H, W). */
    public NDArray forwardSpatial(NDArray x) {
        long[] s = x.getShape().getShape();
        NDArray tokens = x.reshape(s[0], s[1], s[2] * s[3]).transpose(0, 2, 1); // (B, HW, C)
        NDArray out = forward(tokens, null); // (B, HW, C)
        return out.transpose(0, 2, 1).reshape(s[0], s[1], s[2], s[3]);
    }

    /** group_norm over channels of (B, L, C) tokens, as diffusers does before the projections. */
    private NDArray normTokens(NDArray x) {
        NDArray channelsFirst = x.transpose(0, 2, 1); // (B, C, L)
        return groupNorm.forward(channelsFirst).transpose(0, 2, 1);
    }

    /**
     * Batched attention over heads, Q already scaled.
     *
     * <p>q (B, L, H·d), k and v (B, S, H·d) -> (B, L, H·d)
     */
    private NDArray attend(NDArray q, NDArray k, NDArray v) {
        long[] qs = q.getShape().getShape();
        long b = qs[0];
        long l = qs[1];
        long s = k.getShape().get(1);
        if (heads == 1) {
            NDArray scores = q.matMul(k.transpose(0, 2, 1)); // (B, L, S)
            NDArray probs = scores.softmax(-1);
            scores.close();
            return probs.matMul(v); // (B, L, d)
        }
        NDArray qh = q.reshape(b, l, heads, headDim).transpose(0, 2, 1, 3); // (B, H, L, d)
        NDArray kt = k.reshape(b, s, heads, headDim).transpose(0, 2, 3, 1); // (B, H, d, S)
        NDArray vh = v.reshape(b, s, heads, headDim).transpose(0, 2, 1, 3); // (B, H, S, d)
        NDArray scores = qh.matMul(kt); // (B, H, L, S)
        NDArray probs = scores.softmax(-1);
        scores.close();
        NDArray ctx = probs.matMul(vh); // (B, H, L, d)
        probs.close();
        return ctx.transpose(0, 2, 1, 3).reshape(b, l, heads * headDim); // (B, L, H·d)
    }

    /** Builder: {@code setQueryDim}, {@code setHeads}, {@code setHeadDim} required. */
    public static final class Builder {
        private long queryDim = -1;
        private long crossAttentionDim;
        private int heads = -1;
        private long headDim = -1;
        private boolean qkvBias;
        private int normGroups;
        private float normEps = 1e-5f;
        private boolean residualConnection;
        private float rescaleOutputFactor = 1f;

        private Builder() {}

        public Builder setQueryDim(long d) {
            queryDim = d;
            return this;
        }

        public Builder setHeads(int h) {
            heads = h;
            return this;
        }

        public Builder setHeadDim(long d) {
            headDim = d;
            return this;
        }

        /** Width of the context tokens; default 0 = self-attention (context = query width). */
        public Builder optCrossAttentionDim(long d) {
            crossAttentionDim = d;
            return this;
        }

        /** Bias on to_q/to_k/to_v; default false (transformer blocks), true in the VAE. */
        public Builder optQkvBias(boolean bias) {
            qkvBias = bias;
            return this;
        }

        /** Adds an input GroupNorm with these groups and epsilon; default none. */
        public Builder optGroupNorm(int groups, float eps) {
            normGroups = groups;
            normEps = eps;
            return this;
        }

        /** Adds the input to the output; default false. */
        public Builder optResidualConnection(boolean residual) {
            residualConnection = residual;
            return this;
        }

        /** Divides the output; default 1. */
        public Builder optRescaleOutputFactor(float f) {
            rescaleOutputFactor = f;
            return this;
        }

        public Attention build() {
            if (queryDim <= 0 || heads <= 0 || headDim <= 0) {
                throw new IllegalArgumentException("Attention: query dim, heads and head dim must be > 0,"
                        + " got " + queryDim + ", " + heads + ", " + headDim);
            }
            if (rescaleOutputFactor <= 0) {
                throw new IllegalArgumentException("Attention: rescale output factor must be > 0");
            }
            return new Attention(this);
        }
    }
}
