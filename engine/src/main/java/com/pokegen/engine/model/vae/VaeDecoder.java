package com.pokegen.engine.model.vae;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.GroupNorm;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;
import java.util.List;

/** diffusers' VAE {@code Decoder}: latents → image. */
final class VaeDecoder extends Module {

    private final Conv2d convIn;
    private final ModuleList<VaeLevel> upBlocks;
    private final VaeMidBlock midBlock;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    VaeDecoder(AutoencoderKLConfig cfg) {
        List<Integer> ch = cfg.blockOutChannels();
        int n = ch.size();
        int groups = cfg.normNumGroups();
        convIn = child("conv_in", new Conv2d(cfg.latentChannels(), ch.get(n - 1), 3, 1, 1));
        midBlock = child("mid_block", new VaeMidBlock(ch.get(n - 1), groups, cfg.midBlockAddAttention()));
        upBlocks = child("up_blocks", new ModuleList<>());
        long out = ch.get(n - 1);
        for (int i = 0; i < n; i++) {
            long prev = out;
            out = ch.get(n - 1 - i);
            upBlocks.add(VaeLevel.decoder(prev, out, cfg.layersPerBlock() + 1, groups, i < n - 1));
        }
        convNormOut = child("conv_norm_out", new GroupNorm(groups, ch.get(0), 1e-6f));
        convOut = child("conv_out", new Conv2d(ch.get(0), cfg.outChannels(), 3, 1, 1));
    }

    /** (B, latent, h, w) -> (B, Cout, h·f, w·f) */
    NDArray forward(NDArray z) {
        NDArray h = convIn.forward(z);
        h = midBlock.forward(h);
        for (VaeLevel level : upBlocks.items()) {
            h = level.forward(h);
        }
        return convOut.forward(convNormOut.forward(h, true));
    }
}
