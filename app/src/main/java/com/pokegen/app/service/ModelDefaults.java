package com.pokegen.app.service;

/**
 * How a model draws when the designer changes nothing: its recommended steps, the most steps it
 * allows, and its guidance. The Generate page shows these in its Steps box.
 *
 * @param steps    recommended denoising steps (≥ 1)
 * @param maxSteps the most steps the model accepts (≥ steps)
 * @param guidance recommended classifier-free guidance (students draw with 0)
 */
public record ModelDefaults(int steps, int maxSteps, double guidance) {

    /** An ADD student without a pokegen.json: 1 step of up to 4, no guidance. */
    public static final ModelDefaults STUDENT = new ModelDefaults(1, 4, 0.0);
    /** A teacher without a pokegen.json: 25 steps, guidance 5. */
    public static final ModelDefaults TEACHER = new ModelDefaults(25, 1000, 5.0);

    public ModelDefaults {
        if (steps < 1 || maxSteps < steps) {
            throw new IllegalArgumentException("need 1 <= steps <= maxSteps, got " + steps + " and " + maxSteps);
        }
        if (!Double.isFinite(guidance) || guidance < 0) {
            throw new IllegalArgumentException("guidance must be a finite number >= 0, got " + guidance);
        }
    }

    public static ModelDefaults fallback(ModelChoice choice) {
        return choice == ModelChoice.STUDENT ? STUDENT : TEACHER;
    }

    /** {@code requested} kept within 1..{@link #maxSteps}. */
    public int clampSteps(int requested) {
        return Math.max(1, Math.min(maxSteps, requested));
    }
}
