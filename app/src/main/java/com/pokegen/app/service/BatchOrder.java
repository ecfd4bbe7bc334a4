package com.pokegen.app.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A {@code pokegen batch} run started from the studio: every prompt with seeds
 * {@code firstSeed .. firstSeed + seeds - 1}, drawn by the student into {@code out}.
 *
 * @param steps denoising steps; the model's recommendation when null
 */
public record BatchOrder(List<String> prompts, long firstSeed, int seeds, Integer steps, Path out) {

    public BatchOrder {
        prompts = List.copyOf(prompts);
        Objects.requireNonNull(out, "out");
        if (prompts.isEmpty() || prompts.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("Prompt is empty: type what to draw");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
        }
    }
}
