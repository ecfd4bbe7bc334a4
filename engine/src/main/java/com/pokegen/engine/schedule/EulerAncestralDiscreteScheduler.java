package com.pokegen.engine.schedule;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Ancestral Euler (k-diffusion's sample_euler_ancestral, Karras et al. 2022 σ-space): an Euler
 * step down to σ_down, then fresh noise of std σ_up, where σ_up = √(σ_next²·(σ²−σ_next²)/σ²) and
 * σ_down = √(σ_next² − σ_up²), so the marginal at σ_next is kept. SD-Turbo's sampler
 * (trailing spacing). The noise comes from the caller; matches diffusers'
 * EulerAncestralDiscreteScheduler.
 */
public final class EulerAncestralDiscreteScheduler extends SigmaScheduler {

    public static final String CLASS_NAME = "EulerAncestralDiscreteScheduler";

    /** diffusers' defaults: linear 1e-4 → 0.02, timestep_spacing "linspace". */
    public static final NoiseSchedule DEFAULTS = EulerDiscreteScheduler.DEFAULTS;

    public EulerAncestralDiscreteScheduler(NoiseSchedule schedule) {
        super(schedule, false);
    }

    /** Reads an EulerAncestralDiscreteScheduler scheduler_config.json (missing keys: defaults). */
    public static EulerAncestralDiscreteScheduler fromConfig(ObjectNode config) {
        return new EulerAncestralDiscreteScheduler(NoiseSchedule.fromConfig(config, DEFAULTS));
    }

    @Override
    public String className() {
        return CLASS_NAME;
    }

    @Override
    StepResult step(NDArray modelOutput, float sigma, float sigmaNext, NDArray sample, NDArray noise) {
        float sigma2 = sigma * sigma;
        float next2 = sigmaNext * sigmaNext;
        float sigmaUp = (float) Math.sqrt(next2 * (sigma2 - next2) / sigma2);
        // max(0, ·): float rounding can push σ_next² − σ_up² a hair below zero
        float sigmaDown = (float) Math.sqrt(Math.max(0f, next2 - sigmaUp * sigmaUp));
        if (sigmaUp > 0 && noise == null) {
            throw new IllegalArgumentException(CLASS_NAME + ".step needs noise shaped like the sample "
                    + "(every step but the last adds noise)");
        }
        NDArray x0 = predictX0(modelOutput, sigma, sample);
        NDArray derivative = sample.sub(x0).div(sigma);
        NDArray prev = sample.add(derivative.mul(sigmaDown - sigma));
        if (sigmaUp > 0) {
            PerSample.sameShape(noise, "noise", sample, "sample");
            prev = prev.add(noise.mul(sigmaUp));
        }
        return new StepResult(prev, x0);
    }

    @Override
    public ObjectNode toConfig() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("_class_name", CLASS_NAME);
        schedule.writeCommonConfig(node);
        return node;
    }
}
