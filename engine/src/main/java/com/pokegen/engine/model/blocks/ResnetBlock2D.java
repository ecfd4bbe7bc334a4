package com.pokegen.engine.model.blocks;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.GroupNorm;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;

/**
 * Pre-activation residual block of DDPM (Ho et al., 2020, App. B; He et al., 2016):
 * h = conv2(SiLU(norm2(conv1(SiLU(norm1(x))) + proj(SiLU(temb))))), out = (shortcut(x) + h) / s.
 * The timestep projection is absent in the VAE ({@code tembChannels} 0); {@code conv_shortcut}
 * (1×1) exists only when the channel count changes. Dropout sits before conv2 in diffusers; it
 * is the identity here (inference semantics; training configs use 0).
 */
public final class ResnetBlock2D extends Module {

    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear timeEmbProj;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d convShortcut;
    private final float outputScaleFactor;

    private ResnetBlock2D(Builder b) {
        norm1 = child("norm1", new GroupNorm(b.groups, b.inChannels, b.eps));
        conv1 = child("conv1", new Conv2d(b.inChannels, b.outChannels, 3, 1, 1));
        timeEmbProj = b.tembChannels > 0
                ? child("time_emb_proj", new Linear(b.tembChannels, b.outChannels)) : null;
        norm2 = child("norm2", new GroupNorm(b.groups, b.outChannels, b.eps));
        conv2 = child("conv2", new Conv2d(b.outChannels, b.outChannels, 3, 1, 1));
        convShortcut = b.inChannels != b.outChannels
                ? child("conv_shortcut", new Conv2d(b.inChannels, b.outChannels, 1, 1, 0)) : null;
        outputScaleFactor = b.outputScaleFactor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param x (B, Cin, H, W)
     * @param tembActivated SiLU(temb) (B, T), shared by all blocks of a UNet pass; null in the VAE
     * @return (B, Cout, H, W)
     */
    public NDArray forward(NDArray x, NDArray tembActivated) {
        NDArray h = conv1.forward(norm1.forward(x, true));
        if (timeEmbProj != null) {
            if (tembActivated == null) {
                throw new IllegalArgumentException("ResnetBlock2D: this block needs a time embedding");
            }
            NDArray t = timeEmbProj.forward(tembActivated); // (B, Cout)
            long[] s = t.getShape().getShape();
            h = h.add(t.reshape(s[0], s[1], 1, 1));
        }
        h = conv2.forward(norm2.forward(h, true));
        NDArray shortcut = convShortcut == null ? x : convShortcut.forward(x);
        NDArray out = shortcut.add(h);
        return outputScaleFactor == 1f ? out : com.pokegen.engine.model.nn.Tensors.div(out, outputScaleFactor);
    }

    /** Builder: {@code setInChannels} required; the rest optional. */
    public static final class Builder {
        private long inChannels = -1;
        private long outChannels = -1;
        private long tembChannels;
        private int groups = 32;
        private float eps = 1e-6f;
        private float outputScaleFactor = 1f;

        private Builder() {}

        public Builder setInChannels(long c) {
            inChannels = c;
            return this;
        }

        /** Default: the input channel count. */
        public Builder optOutChannels(long c) {
            outChannels = c;
            return this;
        }

        /** Width of the timestep embedding; default 0 = no time_emb_proj (VAE). */
        public Builder optTembChannels(long c) {
            tembChannels = c;
            return this;
        }

        /** GroupNorm groups; default 32. */
        public Builder optGroups(int g) {
            groups = g;
            return this;
        }

        /** GroupNorm epsilon; default 1e-6. */
        public Builder optEps(float e) {
            eps = e;
            return this;
        }

        /** Divides the residual sum; default 1. */
        public Builder optOutputScaleFactor(float f) {
            outputScaleFactor = f;
            return this;
        }

        public ResnetBlock2D build() {
            if (inChannels <= 0) {
                throw new IllegalArgumentException("ResnetBlock2D: setInChannels(> 0) is required");
            }
            if (outChannels < 0) {
                outChannels = inChannels;
            }
            if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
                throw new IllegalArgumentException("ResnetBlock2D: channels " + inChannels + "/"
                        + outChannels + " must be divisible by norm_num_groups " + groups);
            }
            if (outputScaleFactor <= 0) {
                throw new IllegalArgumentException("ResnetBlock2D: output scale factor must be > 0");
            }
            return new ResnetBlock2D(this);
        }
    }
}
