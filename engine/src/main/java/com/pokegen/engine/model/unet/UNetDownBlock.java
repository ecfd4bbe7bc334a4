package com.pokegen.engine.model.unet;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.blocks.Downsample2D;
import com.pokegen.engine.model.blocks.ResnetBlock2D;
import com.pokegen.engine.model.blocks.Transformer2DModel;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;
import java.util.List;

/**
 * One encoder level of the UNet (Ronneberger et al., 2015; Rombach et al., 2022): resnets, each
 * followed by a spatial transformer in {@code CrossAttnDownBlock2D}, then an optional stride-2
 * downsample. Every intermediate map is kept as a skip connection for the decoder.
 */
public final class UNetDownBlock extends Module {

    private final ModuleList<Transformer2DModel> attentions;
    private final ModuleList<ResnetBlock2D> resnets;
    private final Downsample2D downsampler;

    UNetDownBlock(UNet2DConditionConfig cfg, int index, long inChannels, boolean withAttention) {
        long out = cfg.blockOutChannels().get(index);
        int layers = cfg.layersPerBlock().get(index);
        attentions = withAttention ? child("attentions", new ModuleList<>()) : null;
        resnets = child("resnets", new ModuleList<>());
        for (int i = 0; i < layers; i++) {
            resnets.add(UNet2DConditionModel.resnet(cfg, i == 0 ? inChannels : out, out,
                    (float) cfg.resnetOutScaleFactor()));
            if (withAttention) {
                int heads = cfg.heads(index);
                attentions.add(new Transformer2DModel(out, heads, out / heads,
                        cfg.transformerLayersPerBlock().get(index), cfg.crossAttentionDim().get(index),
                        cfg.normNumGroups(), cfg.useLinearProjection()));
            }
        }
        boolean last = index == cfg.blockCount() - 1;
        if (last) {
            downsampler = null;
        } else {
            ModuleList<Downsample2D> list = child("downsamplers", new ModuleList<>());
            downsampler = list.add(new Downsample2D(out, out, cfg.downsamplePadding()));
        }
    }

    /**
     * @param h (B, Cin, H, W)
     * @param temb SiLU of the time embedding (B, T)
     * @param context text tokens (B, S, D)
     * @param skips receives each resnet(/attention) output and the downsampled map
     * @return (B, Cout, H', W')
     */
    NDArray forward(NDArray h, NDArray temb, NDArray context, List<NDArray> skips) {
        for (int i = 0; i < resnets.size(); i++) {
            h = resnets.get(i).forward(h, temb);
            if (attentions != null) {
                h = attentions.get(i).forward(h, context);
            }
            skips.add(h);
        }
        if (downsampler != null) {
            h = downsampler.forward(h);
            skips.add(h);
        }
        return h;
    }
}
