package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;

/**
 * Multi-head self-attention of a CLIP text layer (Vaswani et al., 2017, eq. 1):
 * softmax(Q·Kᵀ/√d + M)·V per head, then {@code out_proj}. M is an additive mask (causal and
 * optionally padding). Children in transformers' order: k_proj, v_proj, q_proj, out_proj.
 */
public final class CLIPAttention extends Module {

    private final int heads;
    private final int headDim;
    private final float scale;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear qProj;
    private final Linear outProj;

    public CLIPAttention(CLIPTextConfig config) {
        int d = config.hiddenSize();
        heads = config.numAttentionHeads();
        headDim = config.headDim();
        scale = (float) (1 / Math.sqrt(headDim));
        kProj = child("k_proj", new Linear(d, d));
        vProj = child("v_proj", new Linear(d, d));
        qProj = child("q_proj", new Linear(d, d));
        outProj = child("out_proj", new Linear(d, d));
    }

    /**
     * @param x (B, L, D)
     * @param additiveMask broadcastable to (B, heads, L, L): 0 where attention is allowed, a
     *     large negative number where it is not
     * @return (B, L, D)
     */
    public NDArray forward(NDArray x, NDArray additiveMask) {
        long b = x.getShape().get(0);
        long len = x.getShape().get(1);
        NDArray q = splitHeads(qProj.forward(x).mul(scale), b, len); // (B, H, L, Dh)
        NDArray k = splitHeads(kProj.forward(x), b, len);
        NDArray v = splitHeads(vProj.forward(x), b, len);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).add(additiveMask); // (B, H, L, L)
        NDArray context = scores.softmax(-1).matMul(v); // (B, H, L, Dh)
        // (B, H, L, Dh) -> (B, L, H, Dh) -> (B, L, D)
        NDArray merged = context.transpose(0, 2, 1, 3).reshape(b, len, (long) heads * headDim);
        return outProj.forward(merged);
    }

    /** (B, L, D) -> (B, H, L, Dh) */
    private NDArray splitHeads(NDArray t, long b, long len) {
        return t.reshape(b, len, heads, headDim).transpose(0, 2, 1, 3);
    }
}
