package com.pokegen.app.service;

import java.util.Objects;

/**
 * Settings of one image generation, validated on construction.
 *
 * @param prompt   the text prompt (non-blank)
 * @param seed     the noise seed; equal settings and seed give the same image
 * @param steps    denoising steps, 1..1000 (the student UI offers 1–4)
 * @param guidance classifier-free guidance scale; 0 or 1 disables it (students use 0)
 * @param model    student or teacher
 */
public record GenerationRequest(String prompt, long seed, int steps, double guidance, ModelChoice model) {

    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(model, "model");
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("Prompt is empty: type what to draw");
        }
        if (steps < 1 || steps > 1000) {
            throw new IllegalArgumentException("steps must be 1..1000, got " + steps);
        }
        if (!Double.isFinite(guidance) || guidance < 0) {
            throw new IllegalArgumentException("guidance must be a finite number >= 0, got " + guidance);
        }
    }

    public GenerationRequest withSeed(long newSeed) {
        return new GenerationRequest(prompt, newSeed, steps, guidance, model);
    }
}
