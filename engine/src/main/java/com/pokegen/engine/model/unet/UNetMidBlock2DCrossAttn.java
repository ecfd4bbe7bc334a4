package com.pokegen.engine.model.unet;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.blocks.ResnetBlock2D;
import com.pokegen.engine.model.blocks.Transformer2DModel;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;

/** The UNet's bottleneck: resnet → spatial transformer → resnet (Rombach et al., 2022). */
public final class UNetMidBlock2DCrossAttn extends Module {

    private final ModuleList<Transformer2DModel> attentions;
    private final ModuleList<ResnetBlock2D> resnets;

    UNetMidBlock2DCrossAttn(UNet2DConditionConfig cfg) {
        int last = cfg.blockCount() - 1;
        long c = cfg.blockOutChannels().get(last);
        int heads = cfg.heads(last);
        float scale = (float) cfg.midBlockScaleFactor();
        attentions = child("attentions", new ModuleList<>());
        resnets = child("resnets", new ModuleList<>());
        resnets.add(UNet2DConditionModel.resnet(cfg, c, c, scale));
        attentions.add(new Transformer2DModel(c, heads, c / heads, cfg.transformerLayersPerBlock().get(last),
                cfg.crossAttentionDim().get(last), cfg.normNumGroups(), cfg.useLinearProjection()));
        resnets.add(UNet2DConditionModel.resnet(cfg, c, c, scale));
    }

    /** (B, C, H, W) -> (B, C, H, W) */
    NDArray forward(NDArray h, NDArray temb, NDArray context) {
        h = resnets.get(0).forward(h, temb);
        h = attentions.get(0).forward(h, context);
        return resnets.get(1).forward(h, temb);
    }
}
