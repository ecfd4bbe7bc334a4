package com.pokegen.engine.model.unet;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.blocks.ResnetBlock2D;
import com.pokegen.engine.model.blocks.Transformer2DModel;
import com.pokegen.engine.model.blocks.Upsample2D;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;
import java.util.Deque;

/**
 * One decoder level of the UNet: each resnet takes the running map concatenated with the
 * matching encoder skip (Ronneberger et al., 2015), followed by a spatial transformer in
 * {@code CrossAttnUpBlock2D}; then an optional nearest ×2 upsample.
 */
public final class UNetUpBlock extends Module {

    private final ModuleList<Transformer2DModel> attentions;
    private final ModuleList<ResnetBlock2D> resnets;
    private final Upsample2D upsampler;

    /**
     * @param i index counted from the lowest resolution (diffusers' up_blocks order)
     * @param inChannels channels of the skip coming from the level below
     * @param prevOutChannels channels of the running map entering this block
     */
    UNetUpBlock(UNet2DConditionConfig cfg, int i, long inChannels, long prevOutChannels,
            boolean withAttention) {
        int n = cfg.blockCount();
        int mirror = n - 1 - i;
        long out = cfg.blockOutChannels().get(mirror);
        int layers = cfg.layersPerBlock().get(mirror) + 1;
        attentions = withAttention ? child("attentions", new ModuleList<>()) : null;
        resnets = child("resnets", new ModuleList<>());
        for (int j = 0; j < layers; j++) {
            long skip = j == layers - 1 ? inChannels : out;
            long running = j == 0 ? prevOutChannels : out;
            resnets.add(UNet2DConditionModel.resnet(cfg, running + skip, out,
                    (float) cfg.resnetOutScaleFactor()));
            if (withAttention) {
                int heads = cfg.heads(mirror);
                attentions.add(new Transformer2DModel(out, heads, out / heads, cfg.upTransformerLayers(i),
                        cfg.crossAttentionDim().get(mirror), cfg.normNumGroups(), cfg.useLinearProjection()));
            }
        }
        if (i == n - 1) {
            upsampler = null;
        } else {
            ModuleList<Upsample2D> list = child("upsamplers", new ModuleList<>());
            upsampler = list.add(new Upsample2D(out, out));
        }
    }

    int resnetCount() {
        return resnets.size();
    }

    /**
     * @param h (B, C, H, W)
     * @param skips encoder maps, the most recent last; this block pops {@link #resnetCount()}
     * @param upsampleSize target (H, W) of the upsample, or null for ×2
     * @return (B, Cout, H', W')
     */
    NDArray forward(NDArray h, Deque<NDArray> skips, NDArray temb, NDArray context, long[] upsampleSize) {
        for (int i = 0; i < resnets.size(); i++) {
            NDArray joined = h.concat(skips.removeLast(), 1); // (B, C + Cskip, H, W)
            h = resnets.get(i).forward(joined, temb);
            if (attentions != null) {
                h = attentions.get(i).forward(h, context);
            }
        }
        if (upsampler == null) {
            return h;
        }
        return upsampleSize == null ? upsampler.forward(h) : upsampler.forward(h, upsampleSize[0], upsampleSize[1]);
    }
}
