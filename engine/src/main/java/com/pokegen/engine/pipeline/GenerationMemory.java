package com.pokegen.engine.pipeline;

import com.pokegen.engine.io.MemoryBudget;

/**
 * Refuses, before anything is allocated, a generation whose images or latents cannot fit: one
 * line with the estimate and the budget instead of an OutOfMemoryError or a libtorch trace.
 */
public final class GenerationMemory {

    private GenerationMemory() {}

    /**
     * @param factor the codec's downsampling factor, or 0 before the model is loaded (images only)
     * @param latentBytes bytes per latent pixel the UNet's activations take (0 with factor 0)
     */
    public static void require(long count, int width, int height, int factor, long latentBytes, int batchSize) {
        String what = "generating " + count + " images of " + width + "x" + height;
        double values = 3.0 * count * width * height;
        MemoryBudget.require(what, 2 * 4 * values, MemoryBudget.Kind.HEAP,
                "lower --n or --size, or generate in several runs");
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " makes " + String.format("%.1e", values) + " pixel values, more"
                    + " than one Java array holds (2^31); lower --n or --size, or generate in several runs");
        }
        if (factor > 0) {
            double batch = 2.0 * Math.min(batchSize, count); // classifier-free guidance doubles the batch
            MemoryBudget.require(what + " in batches of " + batchSize,
                    batch * (width / factor) * (double) (height / factor) * latentBytes, MemoryBudget.Kind.NATIVE,
                    "lower --size or --batch-size");
        }
    }
}
