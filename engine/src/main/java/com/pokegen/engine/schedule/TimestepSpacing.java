package com.pokegen.engine.schedule;

/**
 * How inference timesteps are picked from the training range: diffusers' {@code timestep_spacing}
 * (see Lin et al. 2023, "Common Diffusion Noise Schedules and Sample Steps are Flawed", table 2).
 * All arrays are in sampling order (descending timesteps).
 */
public enum TimestepSpacing {
    /** Multiples of ⌊T/n⌋ from 0, plus steps_offset: never reaches T−1. */
    LEADING("leading"),
    /** T−1, T−1−T/n, ...: always starts at the last training timestep. */
    TRAILING("trailing"),
    /** n evenly spaced points of [0, T−1], both ends included. */
    LINSPACE("linspace");

    private final String configName;

    TimestepSpacing(String configName) {
        this.configName = configName;
    }

    /** The value diffusers writes in scheduler_config.json. */
    public String configName() {
        return configName;
    }

    /** Parses a {@code timestep_spacing} value. */
    public static TimestepSpacing fromConfigName(String name) {
        for (TimestepSpacing s : values()) {
            if (s.configName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("scheduler config: timestep_spacing '" + name
                + "' is not supported; use leading, trailing or linspace");
    }

    /**
     * diffusers' trailing timesteps, {@code round(arange(T, 0, −T/n)) − 1} with numpy's rounding
     * (half to even: 16 of 1000 → 999, 937, 874, 811, ...). The ADD student trains on exactly the
     * timesteps its trailing sampler later visits.
     */
    public static long[] trailing(int numTrainTimesteps, int n) {
        return TRAILING.integerTimesteps(numTrainTimesteps, n, 0);
    }

    /** Integer timesteps as DDPM/DDIM compute them (linspace rounded half-to-even). */
    public long[] integerTimesteps(int numTrainTimesteps, int n, int stepsOffset) {
        double[] raw = raw(numTrainTimesteps, n, stepsOffset, true);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = (long) raw[i];
        }
        return out;
    }

    /** Float timesteps as the Euler schedulers compute them (linspace kept fractional, float32). */
    public float[] floatTimesteps(int numTrainTimesteps, int n, int stepsOffset) {
        double[] raw = raw(numTrainTimesteps, n, stepsOffset, false);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) raw[i];
        }
        return out;
    }

    private double[] raw(int numTrain, int n, int stepsOffset, boolean roundLinspace) {
        checkSteps(numTrain, n);
        double[] t = new double[n];
        switch (this) {
            case LEADING: {
                int ratio = numTrain / n;
                for (int i = 0; i < n; i++) {
                    t[i] = (double) (n - 1 - i) * ratio + stepsOffset;
                }
                break;
            }
            case TRAILING: {
                // numpy's arange(T, 0, -T/n): x_i = T + i·((T − T/n) − T), then round half-to-even.
                // (numpy may emit one extra element, e.g. n = 61, ending at timestep −1; we keep n.)
                double step = (double) numTrain / n;
                double delta = (numTrain - step) - numTrain;
                for (int i = 0; i < n; i++) {
                    t[i] = Math.rint(numTrain + i * delta) - 1;
                }
                break;
            }
            case LINSPACE: {
                // numpy's linspace(0, T−1, n): i·((T−1)/(n−1)), last point exactly T−1; reversed
                double step = n > 1 ? (double) (numTrain - 1) / (n - 1) : 0;
                for (int i = 0; i < n; i++) {
                    double v = i == n - 1 && n > 1 ? numTrain - 1 : i * step;
                    if (!roundLinspace) {
                        v = (float) v; // Euler asks numpy for float32 directly
                    }
                    t[n - 1 - i] = roundLinspace ? Math.rint(v) : v;
                }
                break;
            }
            default:
                throw new AssertionError(this);
        }
        return t;
    }

    /** Refuses step counts diffusers cannot honour, naming the allowed range. */
    static void checkSteps(int numTrainTimesteps, int n) {
        if (n < 1 || n > numTrainTimesteps) {
            throw new IllegalArgumentException("number of inference steps must be between 1 and "
                    + "num_train_timesteps (" + numTrainTimesteps + "), got " + n);
        }
    }
}
