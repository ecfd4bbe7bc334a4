package com.pokegen.engine.schedule;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DDIM (Song et al. 2021, "Denoising Diffusion Implicit Models", eq. 12):
 * x_{t−1} = √ᾱ_{prev}·x̂₀ + √(1−ᾱ_{prev}−σ_t²)·ε̂ + σ_t·z, with
 * σ_t = η·√((1−ᾱ_{prev})/(1−ᾱ_t))·√(1−ᾱ_t/ᾱ_{prev}) (eq. 16). η = 0 (the default) is
 * deterministic. Matches diffusers' DDIMScheduler, including its choice of the previous timestep
 * t − ⌊T/n⌋ for every spacing and the final ᾱ of 1 (set_alpha_to_one) or ᾱ_0.
 */
public final class DDIMScheduler extends IntegerTimestepScheduler {

    public static final String CLASS_NAME = "DDIMScheduler";

    private final double eta;
    private final float[] alphasCumprod;
    private final float finalAlphaCumprod;

    /** Deterministic DDIM (η = 0). */
    public DDIMScheduler(NoiseSchedule schedule) {
        this(schedule, 0.0);
    }

    /** @param eta stochasticity η in [0, 1]: 0 = DDIM, 1 = DDPM-like ancestral noise */
    public DDIMScheduler(NoiseSchedule schedule, double eta) {
        super(schedule);
        if (!(eta >= 0 && eta <= 1)) {
            throw new IllegalArgumentException("DDIM eta must be in [0, 1], got " + eta);
        }
        this.eta = eta;
        this.alphasCumprod = schedule.alphasCumprod();
        this.finalAlphaCumprod = schedule.setAlphaToOne() ? 1f : alphasCumprod[0];
    }

    /** Reads a DDIMScheduler scheduler_config.json (missing keys take diffusers' defaults). */
    public static DDIMScheduler fromConfig(ObjectNode config) {
        return new DDIMScheduler(NoiseSchedule.fromConfig(config, NoiseSchedule.diffusersDefaults()));
    }

    public double eta() {
        return eta;
    }

    @Override
    public String className() {
        return CLASS_NAME;
    }

    @Override
    public NDArray addNoise(NDArray x0, NDArray eps, NDArray t) {
        return schedule.addNoise(x0, eps, t);
    }

    @Override
    public StepResult step(NDArray modelOutput, float t, NDArray sample, NDArray noise) {
        if (timesteps.length == 0) {
            throw new IllegalStateException("DDIMScheduler.step: call setTimesteps(n) first");
        }
        int numTrain = schedule.numTrainTimesteps();
        int current = PerSample.checkedTimestep(t, numTrain);
        int prev = current - numTrain / timesteps.length;
        float alphaT = alphasCumprod[current];
        float alphaPrev = prev >= 0 ? alphasCumprod[prev] : finalAlphaCumprod;
        float betaT = 1f - alphaT;
        float betaPrev = 1f - alphaPrev;
        // eq. 16; float32 like diffusers' 0-dim tensors
        float variance = (betaPrev / betaT) * (1f - alphaT / alphaPrev);
        float std = (float) (eta * Math.sqrt(variance));
        if (std > 0 && noise == null) {
            throw new IllegalArgumentException("DDIMScheduler.step with eta > 0 needs noise shaped like the sample");
        }
        return PerSample.scopedStep(() -> {
            NoiseSchedule.Coefs c = NoiseSchedule.Coefs.of(alphaT);
            PredictionType type = schedule.predictionType();
            NDArray x0 = NoiseSchedule.predictX0(type, modelOutput, sample, c);
            NDArray eps = NoiseSchedule.predictEpsilon(type, modelOutput, sample, c);
            if (schedule.clipSample()) {
                float r = (float) schedule.clipSampleRange();
                x0 = x0.clip(-r, r);
            }
            // ε̂ stays the unclipped one (diffusers' use_clipped_model_output=False)
            float direction = (float) Math.sqrt(1f - alphaPrev - std * std);
            NDArray prevSample = x0.mul((float) Math.sqrt(alphaPrev)).add(eps.mul(direction));
            if (std > 0) {
                PerSample.sameShape(noise, "noise", sample, "sample");
                prevSample = prevSample.add(noise.mul(std));
            }
            return new StepResult(prevSample, x0);
        });
    }

    @Override
    public ObjectNode toConfig() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("_class_name", CLASS_NAME);
        schedule.writeCommonConfig(node);
        schedule.writeClipConfig(node);
        node.put("set_alpha_to_one", schedule.setAlphaToOne());
        return node;
    }
}
