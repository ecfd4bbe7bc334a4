package com.pokegen.engine.model.vae;

import ai.djl.ndarray.NDArray;

/**
 * The VAE posterior q(z|x) = N(mean, diag(exp(logvar))) (Kingma and Welling, 2014), with
 * log-variance clamped to [−30, 20] as diffusers' {@code DiagonalGaussianDistribution}.
 *
 * @param mean (B, latent, h, w)
 * @param logvar (B, latent, h, w), already clamped
 */
public record DiagonalGaussian(NDArray mean, NDArray logvar) {

    /** Splits encoder moments (B, 2·latent, h, w) along channels into mean and log-variance. */
    public static DiagonalGaussian fromMoments(NDArray moments) {
        long c = moments.getShape().get(1) / 2;
        NDArray mean = moments.get(":, :{}", c);
        NDArray logvar = moments.get(":, {}:", c).clip(-30f, 20f);
        return new DiagonalGaussian(mean, logvar);
    }

    /** exp(logvar / 2) */
    public NDArray std() {
        return com.pokegen.engine.model.nn.Tensors.mul(logvar, 0.5f).exp();
    }

    public NDArray var() {
        return logvar.exp();
    }

    /** Reparameterised sample mean + std·noise; {@code noise} is N(0, I) of the same shape. */
    public NDArray sample(NDArray noise) {
        return mean.add(std().mul(noise));
    }

    /** The distribution's mode (its mean). */
    public NDArray mode() {
        return mean;
    }

    /** KL(q ‖ N(0, I)) summed over all but the batch axis: ½·Σ(mean² + var − 1 − logvar). */
    public NDArray kl() {
        NDArray terms = mean.square().add(var()).sub(1f).sub(logvar);
        return com.pokegen.engine.model.nn.Tensors.mul(terms.sum(new int[] {1, 2, 3}), 0.5f);
    }
}
