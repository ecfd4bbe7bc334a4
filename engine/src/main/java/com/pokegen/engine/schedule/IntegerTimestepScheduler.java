package com.pokegen.engine.schedule;

import ai.djl.ndarray.NDArray;

/**
 * What DDPM and DDIM share: whole-number timesteps from the schedule's spacing, unscaled model
 * inputs and unit initial noise (the sigma-based samplers are {@link SigmaScheduler}).
 */
abstract class IntegerTimestepScheduler implements Scheduler {

    protected final NoiseSchedule schedule;
    protected long[] timesteps = new long[0];

    protected IntegerTimestepScheduler(NoiseSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public void setTimesteps(int numInferenceSteps) {
        timesteps = schedule.timestepSpacing()
                .integerTimesteps(schedule.numTrainTimesteps(), numInferenceSteps, schedule.stepsOffset());
    }

    @Override
    public int numInferenceSteps() {
        return timesteps.length;
    }

    @Override
    public float[] timesteps() {
        float[] out = new float[timesteps.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = timesteps[i];
        }
        return out;
    }

    /** The timesteps as diffusers' int64 tensor holds them. */
    public long[] integerTimesteps() {
        return timesteps.clone();
    }

    @Override
    public NDArray scaleModelInput(NDArray sample, float t) {
        return sample;
    }

    @Override
    public float initNoiseSigma() {
        return 1f;
    }
}
