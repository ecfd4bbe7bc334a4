package com.pokegen.engine.model.vae;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.blocks.Attention;
import com.pokegen.engine.model.blocks.ResnetBlock2D;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;

/**
 * diffusers' {@code UNetMidBlock2D} as the VAE uses it: resnet → single-head spatial
 * self-attention (with its own GroupNorm and a residual connection) → resnet.
 */
final class VaeMidBlock extends Module {

    private final ModuleList<Attention> attentions;
    private final ModuleList<ResnetBlock2D> resnets;

    VaeMidBlock(long channels, int groups, boolean withAttention) {
        attentions = withAttention ? child("attentions", new ModuleList<>()) : null;
        resnets = child("resnets", new ModuleList<>());
        resnets.add(AutoencoderKL.resnet(channels, channels, groups));
        if (withAttention) {
            attentions.add(Attention.builder().setQueryDim(channels).setHeads(1).setHeadDim(channels)
                    .optQkvBias(true).optGroupNorm(groups, 1e-6f).optResidualConnection(true).build());
        }
        resnets.add(AutoencoderKL.resnet(channels, channels, groups));
    }

    /** (B, C, H, W) -> (B, C, H, W) */
    NDArray forward(NDArray h) {
        h = resnets.get(0).forward(h, null);
        if (attentions != null) {
            h = attentions.get(0).forwardSpatial(h);
        }
        return resnets.get(1).forward(h, null);
    }
}
