package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.nn.Tensors;
import com.pokegen.engine.pipeline.Denoiser;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.schedule.PredictionType;

/**
 * The diffusion training objective: the "simple" loss of Ho et al. (2020, eq. 14),
 * E‖target − f_θ(x_t, t, c)‖² with x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε, where the target is ε, v
 * (Salimans and Ho, 2022) or x₀ per the prediction type; optionally weighted per sample by
 * Min-SNR-γ (Hang et al., 2023, eq. 10): w = min(SNR, γ)/SNR for ε, min(SNR, γ)/(SNR + 1) for v,
 * min(SNR, γ) for x₀, with SNR(t) = ᾱ_t/(1−ᾱ_t).
 */
public final class DenoisingLoss {

    private final NoiseSchedule schedule;
    private final float minSnrGamma;

    /** @param minSnrGamma γ of Min-SNR weighting; 0 disables it (plain MSE). */
    public DenoisingLoss(NoiseSchedule schedule, float minSnrGamma) {
        if (minSnrGamma < 0) {
            throw new IllegalArgumentException("min-SNR gamma must be >= 0 (0 disables it), got " + minSnrGamma);
        }
        this.schedule = schedule;
        this.minSnrGamma = minSnrGamma;
    }

    /**
     * @param denoiser the network f_θ(x_t, t, c)
     * @param x0 clean latents (B, C, H, W)
     * @param eps noise like x0
     * @param t integer timesteps (B)
     * @param cond text states (B, L, D)
     * @return scalar loss
     */
    public NDArray loss(Denoiser denoiser, NDArray x0, NDArray eps, NDArray t, NDArray cond) {
        NDArray xt = schedule.addNoise(x0, eps, t);
        NDArray target = target(x0, eps, t);
        NDArray pred = denoiser.predict(xt, t, cond);
        NDArray perSample = pred.sub(target).square().reshape(x0.getShape().get(0), -1).mean(new int[] {1}); // (B)
        if (minSnrGamma > 0) {
            perSample = perSample.mul(snrWeights(t, x0.getManager()));
        }
        return perSample.mean();
    }

    private NDArray target(NDArray x0, NDArray eps, NDArray t) {
        PredictionType type = schedule.predictionType();
        switch (type) {
            case EPSILON: return eps;
            case V_PREDICTION: return schedule.velocity(x0, eps, t);
            case SAMPLE: return x0;
            default: throw new IllegalStateException("unknown prediction type " + type);
        }
    }

    /** Min-SNR-γ weights per sample (B). */
    NDArray snrWeights(NDArray t, NDManager manager) {
        float[] alphaBar = schedule.alphasCumprod();
        long[] ts = t.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
        float[] w = new float[ts.length];
        for (int i = 0; i < ts.length; i++) {
            double a = alphaBar[(int) ts[i]];
            double snr = a / (1 - a);
            double clipped = Math.min(snr, minSnrGamma);
            switch (schedule.predictionType()) {
                case EPSILON: w[i] = (float) (clipped / snr); break;
                case V_PREDICTION: w[i] = (float) (clipped / (snr + 1)); break;
                default: w[i] = (float) clipped;
            }
        }
        return Tensors.floats(manager, w, new ai.djl.ndarray.types.Shape(w.length));
    }
}
