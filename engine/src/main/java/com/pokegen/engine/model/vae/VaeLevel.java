package com.pokegen.engine.model.vae;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.blocks.Downsample2D;
import com.pokegen.engine.model.blocks.ResnetBlock2D;
import com.pokegen.engine.model.blocks.Upsample2D;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;

/**
 * One VAE resolution level: diffusers' {@code DownEncoderBlock2D} (resnets, then a stride-2
 * conv with asymmetric padding) or {@code UpDecoderBlock2D} (resnets, then nearest ×2 + conv).
 */
final class VaeLevel extends Module {

    private final ModuleList<ResnetBlock2D> resnets;
    private final Downsample2D downsampler;
    private final Upsample2D upsampler;

    private VaeLevel(long in, long out, int layers, int groups, boolean down, boolean resample) {
        resnets = child("resnets", new ModuleList<>());
        for (int i = 0; i < layers; i++) {
            resnets.add(AutoencoderKL.resnet(i == 0 ? in : out, out, groups));
        }
        Downsample2D d = null;
        Upsample2D u = null;
        if (resample && down) {
            d = child("downsamplers", new ModuleList<Downsample2D>()).add(new Downsample2D(out, out, 0));
        } else if (resample) {
            u = child("upsamplers", new ModuleList<Upsample2D>()).add(new Upsample2D(out, out));
        }
        downsampler = d;
        upsampler = u;
    }

    static VaeLevel encoder(long in, long out, int layers, int groups, boolean downsample) {
        return new VaeLevel(in, out, layers, groups, true, downsample);
    }

    static VaeLevel decoder(long in, long out, int layers, int groups, boolean upsample) {
        return new VaeLevel(in, out, layers, groups, false, upsample);
    }

    /** (B, Cin, H, W) -> (B, Cout, H', W') */
    NDArray forward(NDArray h) {
        for (ResnetBlock2D r : resnets.items()) {
            h = r.forward(h, null);
        }
        if (downsampler != null) {
            h = downsampler.forward(h);
        }
        if (upsampler != null) {
            h = upsampler.forward(h);
        }
        return h;
    }
}
