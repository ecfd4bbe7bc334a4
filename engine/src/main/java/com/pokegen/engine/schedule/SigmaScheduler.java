package com.pokegen.engine.schedule;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Shared σ-space machinery of the Euler samplers (Karras et al. 2022, "Elucidating the Design
 * Space...", table 1, VP → σ): x = x₀ + σ·ε with σ_t = √((1−ᾱ_t)/ᾱ_t), the denoiser sees
 * x/√(σ²+1), inference σ are linearly interpolated in t (numpy.interp) and end with 0.
 * The step index advances after each step as in diffusers; a timestep that is not the expected
 * next one is looked up in the schedule instead.
 */
abstract class SigmaScheduler implements Scheduler {

    protected final NoiseSchedule schedule;
    /** σ at each training timestep t = 0..T−1 (ascending). */
    private final float[] trainSigmas;
    private final float finalSigma;
    private float[] timesteps;
    private float[] sigmas;
    private int numInferenceSteps;
    private int stepIndex;

    SigmaScheduler(NoiseSchedule schedule, boolean finalSigmaIsSigmaMin) {
        this.schedule = schedule;
        float[] alphasCumprod = schedule.alphasCumprod();
        if (schedule.rescaleBetasZeroSnr()) {
            // diffusers: ᾱ_{T−1} = 0 would make σ infinite, so it uses 2⁻²⁴ (σ ≈ 4096)
            alphasCumprod[alphasCumprod.length - 1] = 0x1p-24f;
        }
        trainSigmas = new float[alphasCumprod.length];
        for (int i = 0; i < alphasCumprod.length; i++) {
            trainSigmas[i] = (float) Math.sqrt((1f - alphasCumprod[i]) / alphasCumprod[i]);
        }
        finalSigma = finalSigmaIsSigmaMin ? trainSigmas[0] : 0f;
        resetToTrainingSchedule();
    }

    // before setTimesteps, diffusers uses every training timestep, descending
    private void resetToTrainingSchedule() {
        int n = trainSigmas.length;
        timesteps = new float[n];
        sigmas = new float[n + 1];
        for (int i = 0; i < n; i++) {
            timesteps[i] = n - 1 - i;
            sigmas[i] = trainSigmas[n - 1 - i];
        }
        numInferenceSteps = 0;
        stepIndex = 0;
    }

    @Override
    public NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public void setTimesteps(int n) {
        int numTrain = schedule.numTrainTimesteps();
        timesteps = schedule.timestepSpacing().floatTimesteps(numTrain, n, schedule.stepsOffset());
        sigmas = new float[n + 1];
        for (int i = 0; i < n; i++) {
            sigmas[i] = (float) interpolate(timesteps[i]);
        }
        sigmas[n] = finalSigma;
        numInferenceSteps = n;
        stepIndex = 0;
    }

    /** numpy.interp(t, arange(T), trainSigmas) in float64. */
    private double interpolate(double t) {
        int last = trainSigmas.length - 1;
        if (t <= 0) {
            return trainSigmas[0];
        }
        if (t >= last) {
            return trainSigmas[last];
        }
        int j = (int) Math.floor(t);
        if (t == j) {
            return trainSigmas[j];
        }
        double slope = (double) trainSigmas[j + 1] - trainSigmas[j];
        return slope * (t - j) + trainSigmas[j];
    }

    @Override
    public int numInferenceSteps() {
        return numInferenceSteps;
    }

    @Override
    public float[] timesteps() {
        return timesteps.clone();
    }

    /** σ for each timestep plus the final σ (n + 1 values, float32 as diffusers). */
    public float[] sigmas() {
        return sigmas.clone();
    }

    /** σ_max for linspace/trailing, √(σ_max²+1) for leading: diffusers' init_noise_sigma. */
    @Override
    public float initNoiseSigma() {
        float max = 0;
        for (float s : sigmas) {
            max = Math.max(max, s);
        }
        if (schedule.timestepSpacing() == TimestepSpacing.LEADING) {
            return (float) Math.sqrt(max * max + 1f);
        }
        return max;
    }

    /** x / √(σ_t² + 1): the VP-scaled input the ε/v network was trained on. */
    @Override
    public NDArray scaleModelInput(NDArray sample, float t) {
        float sigma = sigmas[indexOf(t)];
        return sample.div((float) Math.sqrt(sigma * sigma + 1f));
    }

    /** x₀ + σ_t·ε for per-sample timesteps t [B] that must be among {@link #timesteps()}. */
    @Override
    public NDArray addNoise(NDArray x0, NDArray eps, NDArray t) {
        PerSample.sameShape(x0, "x0", eps, "eps");
        double[] ts = PerSample.doubles(t);
        if (ts.length != x0.getShape().get(0)) {
            throw new IllegalArgumentException("timesteps has " + ts.length + " entries but the batch has "
                    + x0.getShape().get(0) + " samples");
        }
        float[] sigma = new float[ts.length];
        for (int i = 0; i < ts.length; i++) {
            sigma[i] = sigmas[firstIndexOf((float) ts[i])];
        }
        return PerSample.scoped(() -> x0.add(eps.mul(PerSample.column(sigma, x0))));
    }

    @Override
    public final StepResult step(NDArray modelOutput, float t, NDArray sample, NDArray noise) {
        PerSample.sameShape(modelOutput, "model output", sample, "sample");
        int index = indexOf(t);
        StepResult result = PerSample.scopedStep(
                () -> step(modelOutput, sigmas[index], sigmas[index + 1], sample, noise));
        stepIndex = index + 1;
        return result;
    }

    /** The update from σ to σ_next; temporaries are closed by the caller's scope. */
    abstract StepResult step(NDArray modelOutput, float sigma, float sigmaNext, NDArray sample, NDArray noise);

    /** x̂₀ from the model output at σ (diffusers' Euler formulas, float32 scalars). */
    NDArray predictX0(NDArray modelOutput, float sigma, NDArray sample) {
        switch (schedule.predictionType()) {
            case EPSILON: // x − σ·ε
                return sample.sub(modelOutput.mul(sigma));
            case V_PREDICTION: { // −σ/√(σ²+1)·v + x/(σ²+1)
                float s2 = sigma * sigma + 1f;
                return modelOutput.mul(-sigma / (float) Math.sqrt(s2)).add(sample.div(s2));
            }
            case SAMPLE:
                return modelOutput.duplicate();
            default:
                throw new AssertionError(schedule.predictionType());
        }
    }

    // the expected step index when t matches it, else the first occurrence of t
    private int indexOf(float t) {
        if (stepIndex < timesteps.length && timesteps[stepIndex] == t) {
            return stepIndex;
        }
        return firstIndexOf(t);
    }

    private int firstIndexOf(float t) {
        for (int i = 0; i < timesteps.length; i++) {
            if (timesteps[i] == t) {
                return i;
            }
        }
        String shown = timesteps.length <= 8 ? Arrays.toString(timesteps) : timesteps.length + " values";
        throw new IllegalArgumentException(className() + ": timestep " + t + " is not in the schedule ("
                + shown + "); call setTimesteps(n) and use timesteps()");
    }

    /** Refuses Euler options diffusers offers that this port does not implement. */
    static void refuseUnsupported(ObjectNode config, String className) {
        for (String key : new String[] {"use_karras_sigmas", "use_exponential_sigmas", "use_beta_sigmas"}) {
            if (NoiseSchedule.boolKey(config, key, false)) {
                throw new IllegalArgumentException("scheduler config (" + className + "): " + key
                        + "=true is not supported; set it to false");
            }
        }
        String interpolation = NoiseSchedule.textKey(config, "interpolation_type", "linear");
        if (!interpolation.equals("linear")) {
            throw new IllegalArgumentException("scheduler config (" + className + "): interpolation_type '"
                    + interpolation + "' is not supported; use \"linear\"");
        }
        String timestepType = NoiseSchedule.textKey(config, "timestep_type", "discrete");
        if (!timestepType.equals("discrete")) {
            throw new IllegalArgumentException("scheduler config (" + className + "): timestep_type '"
                    + timestepType + "' is not supported; use \"discrete\"");
        }
    }

    /** Writes the Euler-only keys with the values this port implements. */
    static void writeEulerDefaults(ObjectNode node) {
        node.put("interpolation_type", "linear");
        node.put("use_karras_sigmas", false);
        node.put("timestep_type", "discrete");
    }
}
