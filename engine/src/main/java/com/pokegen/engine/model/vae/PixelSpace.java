package com.pokegen.engine.model.vae;

import ai.djl.ndarray.NDArray;

/**
 * The identity codec of pixel-space diffusion (Ho et al., 2020): the UNet denoises the RGB image
 * itself, scaled to [−1, 1]. Its "posterior" is a point mass, so a training latent is the image.
 */
public final class PixelSpace implements ImageCodec {

    /** The RGB identity. */
    public static final PixelSpace RGB = new PixelSpace();

    /** log σ² of the point mass: the floor diffusers clamps to, so σ ≈ 3e-7 adds nothing visible. */
    private static final float POINT_MASS_LOGVAR = -30f;

    private PixelSpace() {}

    @Override
    public int latentChannels() {
        return 3;
    }

    @Override
    public int downsampleFactor() {
        return 1;
    }

    @Override
    public DiagonalGaussian encode(NDArray image) {
        return new DiagonalGaussian(image.duplicate(), image.zerosLike().add(POINT_MASS_LOGVAR));
    }

    @Override
    public NDArray decode(NDArray latents) {
        return latents.duplicate();
    }

    @Override
    public NDArray scaleLatents(NDArray z) {
        return z.duplicate();
    }

    @Override
    public NDArray unscaleLatents(NDArray latents) {
        return latents.duplicate();
    }

    @Override
    public float scalingFactor() {
        return 1f;
    }

    @Override
    public float shiftFactor() {
        return 0f;
    }

    @Override
    public boolean isPixelSpace() {
        return true;
    }

    @Override
    public String toString() {
        return "pixel space (RGB, no VAE)";
    }
}
