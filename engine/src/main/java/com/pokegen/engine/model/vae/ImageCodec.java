package com.pokegen.engine.model.vae;

import ai.djl.ndarray.NDArray;

/**
 * Where a diffusion model works: between images in [−1, 1] and the tensors its UNet denoises.
 * Latent models use an {@link AutoencoderKL}; pixel-space models the identity
 * ({@link PixelSpace}), which has no weights and no {@code vae/} folder.
 */
public interface ImageCodec {

    /** Channels of the tensors the UNet sees (4 for SD's VAE, 3 in pixel space). */
    int latentChannels();

    /** Image side / latent side (8 for SD, 4 for the tiny VAE, 1 in pixel space). */
    int downsampleFactor();

    /** image (B, 3, H, W) in [−1, 1] -> posterior over raw latents (B, C, H/f, W/f) */
    DiagonalGaussian encode(NDArray image);

    /** raw latents (B, C, h, w) -> image (B, 3, h·f, w·f), roughly in [−1, 1] */
    NDArray decode(NDArray latents);

    /** Raw latents -> the diffusion model's latents: (z − shift) · scaling_factor. */
    NDArray scaleLatents(NDArray z);

    /** The diffusion model's latents -> raw latents: z / scaling_factor + shift. */
    NDArray unscaleLatents(NDArray latents);

    float scalingFactor();

    float shiftFactor();

    /** True when the model denoises pixels directly (no autoencoder). */
    default boolean isPixelSpace() {
        return false;
    }
}
