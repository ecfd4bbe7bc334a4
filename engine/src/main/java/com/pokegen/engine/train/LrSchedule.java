package com.pokegen.engine.train;

/**
 * Learning rate by step: linear warm-up from 0 to {@code baseLr} over {@code warmupSteps}, then
 * constant or a cosine decay to 0 at {@code totalSteps}.
 */
public record LrSchedule(float baseLr, int warmupSteps, Kind kind, int totalSteps) {

    public enum Kind { CONSTANT, COSINE }

    public LrSchedule {
        if (baseLr <= 0 || warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException(
                    "lr schedule needs lr > 0, warmup >= 0, total steps >= 1");
        }
    }

    /** Learning rate for update number {@code step} (0-based). */
    public float at(long step) {
        if (step < warmupSteps) {
            return baseLr * (step + 1) / warmupSteps;
        }
        if (kind == Kind.CONSTANT) {
            return baseLr;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
        return (float) (baseLr * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
