package com.pokegen.engine.schedule;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A diffusers-compatible sampler over a {@link NoiseSchedule}. Typical loop:
 *
 * <pre>{@code
 * s.setTimesteps(n);
 * x = noise.mul(s.initNoiseSigma());
 * for (float t : s.timesteps()) {
 *     out = unet(s.scaleModelInput(x, t), t);
 *     x = s.step(out, t, x, noiseOrNull).prevSample();
 * }
 * }</pre>
 *
 * Instances are stateful (timesteps, Euler's step index) and not thread-safe. Stochastic
 * samplers take their noise from the caller, so a seed fully determines a run.
 */
public interface Scheduler {

    /** The forward process and config this scheduler samples. */
    NoiseSchedule schedule();

    /** diffusers' class name, written as {@code _class_name}. */
    String className();

    /**
     * Chooses the inference timesteps (with the schedule's timestep_spacing).
     *
     * @throws IllegalArgumentException if n &lt; 1 or n &gt; num_train_timesteps
     */
    void setTimesteps(int numInferenceSteps);

    /** Steps chosen by {@link #setTimesteps}, 0 before. */
    int numInferenceSteps();

    /** The timesteps in sampling order (DDPM/DDIM: integers; Euler: float32 as diffusers). */
    float[] timesteps();

    /** Scales the denoiser input for timestep t (identity except for the σ-space Euler samplers). */
    NDArray scaleModelInput(NDArray sample, float t);

    /**
     * One reverse step from timestep t. {@code noise} (same shape as sample) is required by
     * stochastic steps (DDPM for t &gt; 0, DDIM with eta &gt; 0, Euler-ancestral) and ignored otherwise.
     */
    StepResult step(NDArray modelOutput, float t, NDArray sample, NDArray noise);

    /** Standard deviation of the initial latent noise: x_T = initNoiseSigma · N(0, I). */
    float initNoiseSigma();

    /** Noises x₀ to the scheduler's own x_t at per-sample timesteps t [B] (training, img2img). */
    NDArray addNoise(NDArray x0, NDArray eps, NDArray t);

    /** A scheduler_config.json diffusers can load, with {@code _class_name}. */
    ObjectNode toConfig();
}
