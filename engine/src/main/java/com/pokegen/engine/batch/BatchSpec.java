package com.pokegen.engine.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch job: every prompt × seed, rendered into {@code out}.
 *
 * @param prompts expanded prompts ({@link PromptTemplates}), at least one
 * @param seeds images per prompt, using seeds {@code firstSeed .. firstSeed + seeds - 1} (default 100)
 * @param firstSeed the first seed (default 0)
 * @param steps denoising steps; null = the model's recommendation
 * @param batchSize images in flight at once, spread over the lanes (default 8)
 * @param threads parallel lanes, each sampling one image at a time (default: the CPU's cores)
 * @param out the batch folder (manifest.jsonl, images/, gallery/)
 */
public record BatchSpec(List<String> prompts, int seeds, long firstSeed, Integer steps, int batchSize, int threads, Path out) {

    public BatchSpec {
        prompts = List.copyOf(prompts);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("give at least one prompt");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (out == null) {
            throw new IllegalArgumentException("give an output folder (--out)");
        }
    }

    /** Defaults for everything but the prompts and the folder. */
    public static BatchSpec of(List<String> prompts, Path out) {
        return new BatchSpec(prompts, 100, 0, null, 8, Runtime.getRuntime().availableProcessors(), out);
    }

    public BatchSpec withSeeds(int n) {
        return new BatchSpec(prompts, n, firstSeed, steps, batchSize, threads, out);
    }

    public BatchSpec withSteps(Integer k) {
        return new BatchSpec(prompts, seeds, firstSeed, k, batchSize, threads, out);
    }

    public BatchSpec withBatchSize(int b) {
        return new BatchSpec(prompts, seeds, firstSeed, steps, b, threads, out);
    }

    public BatchSpec withThreads(int t) {
        return new BatchSpec(prompts, seeds, firstSeed, steps, batchSize, t, out);
    }

    public BatchSpec withOut(Path dir) {
        return new BatchSpec(prompts, seeds, firstSeed, steps, batchSize, threads, dir);
    }

    /** The images, prompt by prompt, seeds ascending, sampled with {@code resolvedSteps}. */
    public List<BatchItem> items(int resolvedSteps) {
        List<BatchItem> items = new ArrayList<>(prompts.size() * seeds);
        for (String p : prompts) {
            for (int i = 0; i < seeds; i++) {
                items.add(new BatchItem(p, firstSeed + i, resolvedSteps));
            }
        }
        return items;
    }
}
