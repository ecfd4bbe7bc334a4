package com.pokegen.engine.schedule;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DDPM (Ho et al. 2020): training-time noising (eq. 4) and the ancestral reverse step from the
 * posterior q(x_{t−1} | x_t, x̂₀) (eqs. 6–7):
 * μ̃ = √ᾱ_{prev}·β'_t/(1−ᾱ_t)·x̂₀ + √α'_t·(1−ᾱ_{prev})/(1−ᾱ_t)·x_t, where α'_t = ᾱ_t/ᾱ_{prev}
 * (so skipped steps work), and variance β̃ = (1−ᾱ_{prev})/(1−ᾱ_t)·β'_t ("fixed_small") or
 * β'_t ("fixed_large"). Matches diffusers' DDPMScheduler.
 */
public final class DDPMScheduler extends IntegerTimestepScheduler {

    public static final String CLASS_NAME = "DDPMScheduler";

    /** diffusers' {@code variance_type} values this class implements. */
    public enum VarianceType {
        FIXED_SMALL("fixed_small"),
        /** Same numbers as fixed_small (diffusers takes exp(½·log β̃)). */
        FIXED_SMALL_LOG("fixed_small_log"),
        FIXED_LARGE("fixed_large");

        private final String configName;

        VarianceType(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        public static VarianceType fromConfigName(String name) {
            for (VarianceType v : values()) {
                if (v.configName.equals(name)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("scheduler config: variance_type '" + name + "' is not "
                    + "supported (learned variances need a model that outputs them); use fixed_small or "
                    + "fixed_large");
        }
    }

    private final VarianceType varianceType;
    private final float[] alphasCumprod;

    public DDPMScheduler(NoiseSchedule schedule) {
        this(schedule, VarianceType.FIXED_SMALL);
    }

    public DDPMScheduler(NoiseSchedule schedule, VarianceType varianceType) {
        super(schedule);
        this.varianceType = varianceType;
        this.alphasCumprod = schedule.alphasCumprod();
    }

    /** Reads a DDPMScheduler scheduler_config.json (missing keys take diffusers' defaults). */
    public static DDPMScheduler fromConfig(ObjectNode config) {
        NoiseSchedule s = NoiseSchedule.fromConfig(config, NoiseSchedule.diffusersDefaults());
        return new DDPMScheduler(s, VarianceType.fromConfigName(
                NoiseSchedule.textKey(config, "variance_type", VarianceType.FIXED_SMALL.configName())));
    }

    public VarianceType varianceType() {
        return varianceType;
    }

    @Override
    public String className() {
        return CLASS_NAME;
    }

    @Override
    public NDArray addNoise(NDArray x0, NDArray eps, NDArray t) {
        return schedule.addNoise(x0, eps, t);
    }

    /** The next timestep of the inference schedule, −1 after the last; t − 1 without one. */
    long previousTimestep(int t) {
        if (timesteps.length == 0) {
            return t - 1;
        }
        for (int i = 0; i < timesteps.length; i++) {
            if (timesteps[i] == t) {
                return i == timesteps.length - 1 ? -1 : timesteps[i + 1];
            }
        }
        throw new IllegalArgumentException("DDPMScheduler.step: timestep " + t
                + " is not one of the timesteps chosen by setTimesteps");
    }

    @Override
    public StepResult step(NDArray modelOutput, float t, NDArray sample, NDArray noise) {
        int current = PerSample.checkedTimestep(t, schedule.numTrainTimesteps());
        long prev = previousTimestep(current);
        float alphaT = alphasCumprod[current];
        float alphaPrev = prev >= 0 ? alphasCumprod[(int) prev] : 1f;
        float betaT = 1f - alphaT;
        float betaPrev = 1f - alphaPrev;
        float alphaStep = alphaT / alphaPrev;
        float betaStep = 1f - alphaStep;
        if (current > 0 && noise == null) {
            throw new IllegalArgumentException("DDPMScheduler.step at t > 0 needs noise shaped like the sample");
        }
        return PerSample.scopedStep(() -> {
            NDArray x0 = NoiseSchedule.predictX0(schedule.predictionType(), modelOutput, sample,
                    NoiseSchedule.Coefs.of(alphaT));
            if (schedule.clipSample()) {
                float r = (float) schedule.clipSampleRange();
                x0 = x0.clip(-r, r);
            }
            float x0Coef = ((float) Math.sqrt(alphaPrev) * betaStep) / betaT;
            float sampleCoef = (float) Math.sqrt(alphaStep) * betaPrev / betaT;
            NDArray prevSample = x0.mul(x0Coef).add(sample.mul(sampleCoef));
            if (current > 0) {
                PerSample.sameShape(noise, "noise", sample, "sample");
                prevSample = prevSample.add(noise.mul((float) Math.sqrt(variance(betaT, betaPrev, betaStep))));
            }
            return new StepResult(prevSample, x0);
        });
    }

    private float variance(float betaT, float betaPrev, float betaStep) {
        if (varianceType == VarianceType.FIXED_LARGE) {
            return betaStep;
        }
        return Math.max(betaPrev / betaT * betaStep, 1e-20f);
    }

    @Override
    public ObjectNode toConfig() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("_class_name", CLASS_NAME);
        schedule.writeCommonConfig(node);
        schedule.writeClipConfig(node);
        node.put("variance_type", varianceType.configName());
        return node;
    }
}
