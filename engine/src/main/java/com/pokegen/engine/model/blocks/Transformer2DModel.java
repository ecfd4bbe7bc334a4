package com.pokegen.engine.model.blocks;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.GroupNorm;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;

/**
 * Spatial transformer of Latent Diffusion (Rombach et al., 2022, §3.3): GroupNorm (eps 1e-6),
 * project in, flatten the map into H·W tokens, run {@link BasicTransformerBlock}s with
 * cross-attention to the text, project out, add the input. Projections are 1×1 convolutions
 * (SD 1.x) or linear layers ({@code use_linear_projection}, SD 2.x).
 */
public final class Transformer2DModel extends Module {

    private final GroupNorm norm;
    private final Conv2d convIn;
    private final Linear linearIn;
    private final ModuleList<BasicTransformerBlock> blocks;
    private final Conv2d convOut;
    private final Linear linearOut;

    /**
     * @param channels input/output channels (= heads · headDim in the UNet)
     * @param layers number of transformer blocks
     */
    public Transformer2DModel(long channels, int heads, long headDim, int layers,
            long crossAttentionDim, int normGroups, boolean linearProjection) {
        if (layers < 1) {
            throw new IllegalArgumentException("Transformer2DModel: needs >= 1 layer, got " + layers);
        }
        long inner = heads * headDim;
        norm = child("norm", new GroupNorm(normGroups, channels, 1e-6f));
        if (linearProjection) {
            linearIn = child("proj_in", new Linear(channels, inner));
            convIn = null;
        } else {
            convIn = child("proj_in", new Conv2d(channels, inner, 1, 1, 0));
            linearIn = null;
        }
        blocks = child("transformer_blocks", new ModuleList<>());
        for (int i = 0; i < layers; i++) {
            blocks.add(new BasicTransformerBlock(inner, heads, headDim, crossAttentionDim));
        }
        if (linearProjection) {
            linearOut = child("proj_out", new Linear(inner, channels));
            convOut = null;
        } else {
            convOut = child("proj_out", new Conv2d(inner, channels, 1, 1, 0));
            linearOut = null;
        }
    }

    /** x (B, C, H, W), context (B, S, D) -> (B, C, H, W) */
    public NDArray forward(NDArray x, NDArray context) {
        long[] s = x.getShape().getShape();
        NDArray tokens = toTokens(norm.forward(x)); // (B, HW, C)
        // a 1×1 convolution on the map is the same matrix product as a linear layer on its tokens;
        // working on tokens saves a layout round trip (diffusers: conv, permute, contiguous)
        tokens = convIn != null ? convIn.forwardPointwise(tokens) : linearIn.forward(tokens); // (B, HW, inner)
        for (BasicTransformerBlock block : blocks.items()) {
            tokens = block.forward(tokens, context);
        }
        NDArray projected = convOut != null ? convOut.forwardPointwise(tokens) : linearOut.forward(tokens);
        // x first: the sum takes x's (B, C, H, W) contiguous layout, fusing the permute copy
        return x.add(toMap(projected, s[0], s[2], s[3]));
    }

    /** (B, C, H, W) -> (B, H·W, C) */
    private static NDArray toTokens(NDArray map) {
        long[] s = map.getShape().getShape();
        return map.transpose(0, 2, 3, 1).reshape(s[0], s[2] * s[3], s[1]);
    }

    /** (B, H·W, C) -> (B, C, H, W) */
    private static NDArray toMap(NDArray tokens, long b, long h, long w) {
        long c = tokens.getShape().get(2);
        return tokens.reshape(b, h, w, c).transpose(0, 3, 1, 2);
    }
}
