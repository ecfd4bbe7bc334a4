package com.pokegen.engine.pipeline;

import com.pokegen.engine.schedule.TimestepSpacing;
import java.util.List;

/**
 * Every setting a generation actually used, after defaults were applied: enough to reproduce
 * any of its images.
 *
 * @param negativePrompts one per image ("" = unconditional)
 * @param seeds one per image (the ancestral-noise seeds when explicit latents were given)
 * @param explicitLatents true when the initial latents were given, not drawn from the seeds
 * @param scheduler the CLI name ({@code Schedulers.NAMES})
 * @param schedulerClass diffusers' class name
 * @param timesteps the sampled timesteps, in order
 * @param modelId the model's id ({@link DiffusionPipeline#modelId()})
 */
public record GenerationSettings(
        List<String> prompts,
        List<String> negativePrompts,
        long[] seeds,
        boolean explicitLatents,
        int steps,
        double guidance,
        String scheduler,
        String schedulerClass,
        TimestepSpacing timestepSpacing,
        float[] timesteps,
        int width,
        int height,
        String modelId) {

    public GenerationSettings {
        prompts = List.copyOf(prompts);
        negativePrompts = List.copyOf(negativePrompts);
        seeds = seeds.clone();
        timesteps = timesteps.clone();
    }

    /** True when guidance &gt; 1: each step runs the UNet on unconditional and conditional inputs. */
    public boolean classifierFreeGuidance() {
        return guidance > 1;
    }

    public int imageCount() {
        return prompts.size();
    }

    @Override
    public long[] seeds() {
        return seeds.clone();
    }

    @Override
    public float[] timesteps() {
        return timesteps.clone();
    }
}
