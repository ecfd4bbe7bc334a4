package com.pokegen.app.service;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An evaluation started from the window.
 *
 * @param student     the student model (or its run) folder
 * @param teacher     the teacher model folder, or null to evaluate the student alone
 * @param dataset     reference images and the captions prompts are drawn from
 * @param promptCount captions drawn as prompts
 * @param perPrompt   images (seeds) per prompt
 * @param seed        seed of prompt choice and sampling
 * @param out         the folder the report goes to (must not exist yet, or be empty)
 */
public record EvaluationRequest(Path student, Path teacher, Path dataset, int promptCount, int perPrompt, long seed,
                                Path out) {

    public EvaluationRequest {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(out, "out");
        if (promptCount < 1 || perPrompt < 1) {
            throw new IllegalArgumentException("Choose at least one prompt and one image per prompt");
        }
    }
}
