package com.pokegen.engine.model.blocks;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.LayerNorm;
import com.pokegen.engine.model.nn.Module;

/**
 * Pre-norm transformer layer of Latent Diffusion (Rombach et al., 2022, App. E): x += attn1(LN(x))
 * (self), x += attn2(LN(x), text) (cross), x += GEGLU-FF(LN(x)); diffusers'
 * {@code BasicTransformerBlock} with norm_type "layer_norm" and LayerNorm eps 1e-5.
 */
public final class BasicTransformerBlock extends Module {

    private final LayerNorm norm1;
    private final Attention attn1;
    private final LayerNorm norm2;
    private final Attention attn2;
    private final LayerNorm norm3;
    private final FeedForward ff;

    /**
     * @param dim token width (heads · headDim)
     * @param crossAttentionDim width of the text tokens
     */
    public BasicTransformerBlock(long dim, int heads, long headDim, long crossAttentionDim) {
        norm1 = child("norm1", new LayerNorm(dim, 1e-5f));
        attn1 = child("attn1", Attention.builder().setQueryDim(dim).setHeads(heads).setHeadDim(headDim)
                .build());
        norm2 = child("norm2", new LayerNorm(dim, 1e-5f));
        attn2 = child("attn2", Attention.builder().setQueryDim(dim).setHeads(heads).setHeadDim(headDim)
                .optCrossAttentionDim(crossAttentionDim).build());
        norm3 = child("norm3", new LayerNorm(dim, 1e-5f));
        ff = child("ff", new FeedForward(dim, dim * 4));
    }

    /** x (B, L, dim), context (B, S, crossDim) -> (B, L, dim) */
    public NDArray forward(NDArray x, NDArray context) {
        NDArray h = attn1.forward(norm1.forward(x), null).add(x);
        h = attn2.forward(norm2.forward(h), context).add(h);
        return ff.forward(norm3.forward(h)).add(h);
    }
}
