package com.pokegen.engine.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.Module;

/**
 * Halves the resolution with a stride-2 3×3 convolution {@code conv}. With {@code padding 0}
 * (the VAE encoder) the input is first padded asymmetrically by one pixel on the right and
 * bottom, as diffusers' {@code Downsample2D} does, so odd and even sizes map like the original
 * LDM (Rombach et al., 2022) code.
 */
public final class Downsample2D extends Module {

    private final Conv2d conv;
    private final boolean asymmetricPad;

    public Downsample2D(long channels, long outChannels, int padding) {
        if (padding < 0) {
            throw new IllegalArgumentException("Downsample2D: padding must be >= 0, got " + padding);
        }
        conv = child("conv", new Conv2d(channels, outChannels, 3, 2, padding));
        asymmetricPad = padding == 0;
    }

    /** (B, C, H, W) -> (B, C', ceil-ish H/2, W/2) */
    public NDArray forward(NDArray x) {
        if (!asymmetricPad) {
            return conv.forward(x);
        }
        // torch F.pad order: (left, right, top, bottom) for the last two axes
        NDArray padded = x.pad(new Shape(0, 1, 0, 1), 0);
        NDArray out = conv.forward(padded);
        padded.close();
        return out;
    }
}
