package com.pokegen.engine.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.Module;

/**
 * Doubles the resolution by nearest-neighbour interpolation, then smooths with a 3×3
 * convolution {@code conv} (diffusers' {@code Upsample2D} with {@code use_conv=True}). An
 * explicit output size lets the UNet undo a downsample of an odd-sized map.
 */
public final class Upsample2D extends Module {

    /** libtorch's interpolate mode index for "nearest" in DJL's JNI bridge. */
    private static final int NEAREST = 0;

    private final Conv2d conv;

    public Upsample2D(long channels, long outChannels) {
        conv = child("conv", new Conv2d(channels, outChannels, 3, 1, 1));
    }

    /** (B, C, H, W) -> (B, C', 2H, 2W) */
    public NDArray forward(NDArray x) {
        long[] s = x.getShape().getShape();
        return forward(x, s[2] * 2, s[3] * 2);
    }

    /** (B, C, H, W) -> (B, C', outH, outW), nearest as torch's F.interpolate(size=...) */
    public NDArray forward(NDArray x, long outH, long outW) {
        NDArray up = nearest(x, outH, outW);
        NDArray out = conv.forward(up);
        up.close();
        return out;
    }

    /** Nearest-neighbour resize of the last two axes (differentiable). */
    static NDArray nearest(NDArray x, long outH, long outW) {
        return JniUtils.interpolate((PtNDArray) x, new long[] {outH, outW}, NEAREST, false);
    }
}
