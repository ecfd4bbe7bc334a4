package com.pokegen.engine.schedule;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Euler's method on the probability-flow ODE dx/dσ = (x − x̂₀)/σ (Karras et al. 2022,
 * algorithm 1 without churn): x_{next} = x + (x − x̂₀)/σ · (σ_next − σ). Matches diffusers'
 * EulerDiscreteScheduler with s_churn = 0 and linear sigma interpolation.
 */
public final class EulerDiscreteScheduler extends SigmaScheduler {

    public static final String CLASS_NAME = "EulerDiscreteScheduler";

    /** diffusers' Euler defaults: linear 1e-4 → 0.02, timestep_spacing "linspace". */
    public static final NoiseSchedule DEFAULTS =
            NoiseSchedule.diffusersDefaults().withTimestepSpacing(TimestepSpacing.LINSPACE);

    private final boolean finalSigmaIsSigmaMin;

    /** With final_sigmas_type "zero" (diffusers' default): the last step lands on σ = 0. */
    public EulerDiscreteScheduler(NoiseSchedule schedule) {
        this(schedule, false);
    }

    /** @param finalSigmaIsSigmaMin final_sigmas_type "sigma_min": end at σ_0 instead of 0 */
    public EulerDiscreteScheduler(NoiseSchedule schedule, boolean finalSigmaIsSigmaMin) {
        super(schedule, finalSigmaIsSigmaMin);
        this.finalSigmaIsSigmaMin = finalSigmaIsSigmaMin;
    }

    /** Reads an EulerDiscreteScheduler scheduler_config.json (missing keys: diffusers' defaults). */
    public static EulerDiscreteScheduler fromConfig(ObjectNode config) {
        refuseUnsupported(config, CLASS_NAME);
        String finalSigmas = NoiseSchedule.textKey(config, "final_sigmas_type", "zero");
        if (!finalSigmas.equals("zero") && !finalSigmas.equals("sigma_min")) {
            throw new IllegalArgumentException("scheduler config (" + CLASS_NAME + "): final_sigmas_type '"
                    + finalSigmas + "' is not supported; use \"zero\" or \"sigma_min\"");
        }
        return new EulerDiscreteScheduler(NoiseSchedule.fromConfig(config, DEFAULTS),
                finalSigmas.equals("sigma_min"));
    }

    @Override
    public String className() {
        return CLASS_NAME;
    }

    @Override
    StepResult step(NDArray modelOutput, float sigma, float sigmaNext, NDArray sample, NDArray noise) {
        NDArray x0 = predictX0(modelOutput, sigma, sample);
        NDArray derivative = sample.sub(x0).div(sigma); // (x − x̂₀)/σ
        NDArray prev = sample.add(derivative.mul(sigmaNext - sigma));
        return new StepResult(prev, x0);
    }

    @Override
    public ObjectNode toConfig() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("_class_name", CLASS_NAME);
        schedule.writeCommonConfig(node);
        writeEulerDefaults(node);
        node.put("final_sigmas_type", finalSigmaIsSigmaMin ? "sigma_min" : "zero");
        return node;
    }
}
