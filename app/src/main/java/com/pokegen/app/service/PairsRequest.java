package com.pokegen.app.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Blind A/B pairs for the engine to draw: both models draw every prompt with the same seeds.
 *
 * @param modelA     first model folder
 * @param modelB     second model folder
 * @param prompts    the prompt set
 * @param perPrompt  seeds per prompt
 * @param seed       first seed (and the side shuffle's)
 * @param evalFolder the evaluation folder that gets the pairs
 */
public record PairsRequest(Path modelA, Path modelB, List<String> prompts, int perPrompt, long seed, Path evalFolder) {

    public PairsRequest {
        Objects.requireNonNull(modelA, "modelA");
        Objects.requireNonNull(modelB, "modelB");
        Objects.requireNonNull(evalFolder, "evalFolder");
        prompts = prompts.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        if (prompts.isEmpty() || perPrompt < 1) {
            throw new IllegalArgumentException("Type at least one prompt (one a line) to make A/B pairs");
        }
    }
}
