package com.pokegen.engine.model.vae;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.GroupNorm;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;
import java.util.List;

/** diffusers' VAE {@code Encoder}: image → 2·latent_channels moments (mean, log-variance). */
final class VaeEncoder extends Module {

    private final Conv2d convIn;
    private final ModuleList<VaeLevel> downBlocks;
    private final VaeMidBlock midBlock;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    VaeEncoder(AutoencoderKLConfig cfg) {
        List<Integer> ch = cfg.blockOutChannels();
        int n = ch.size();
        int groups = cfg.normNumGroups();
        convIn = child("conv_in", new Conv2d(cfg.inChannels(), ch.get(0), 3, 1, 1));
        downBlocks = child("down_blocks", new ModuleList<>());
        long out = ch.get(0);
        for (int i = 0; i < n; i++) {
            long in = out;
            out = ch.get(i);
            downBlocks.add(VaeLevel.encoder(in, out, cfg.layersPerBlock(), groups, i < n - 1));
        }
        midBlock = child("mid_block", new VaeMidBlock(ch.get(n - 1), groups, cfg.midBlockAddAttention()));
        convNormOut = child("conv_norm_out", new GroupNorm(groups, ch.get(n - 1), 1e-6f));
        convOut = child("conv_out", new Conv2d(ch.get(n - 1), 2L * cfg.latentChannels(), 3, 1, 1));
    }

    /** (B, Cin, H, W) -> (B, 2·latent, H/f, W/f) */
    NDArray forward(NDArray x) {
        NDArray h = convIn.forward(x);
        for (VaeLevel level : downBlocks.items()) {
            h = level.forward(h);
        }
        h = midBlock.forward(h);
        return convOut.forward(convNormOut.forward(h, true));
    }
}
