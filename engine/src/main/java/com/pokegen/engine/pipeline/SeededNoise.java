package com.pokegen.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Gaussian noise for a batch, one reproducible stream per image: image i draws from
 * {@code new SplittableRandom(seed_i)} with {@code nextGaussian()} (Java 17's
 * {@link java.util.random.RandomGenerator} algorithm), element by element in row-major order,
 * first the initial latents, then each step's ancestral noise. An image's pixels therefore
 * depend on its own seed and settings only, not on its batch neighbours, and the same seed
 * gives the same pixels on any CPU.
 */
final class SeededNoise {

    private final SplittableRandom[] streams;

    SeededNoise(long[] seeds) {
        streams = new SplittableRandom[seeds.length];
        for (int i = 0; i < seeds.length; i++) {
            streams[i] = new SplittableRandom(seeds[i]);
        }
    }

    /** The next N(0, 1) sample of shape (B, c, h, w), each row from its image's stream. */
    NDArray next(NDManager manager, long c, long h, long w) {
        int per = Math.toIntExact(c * h * w);
        float[] values = new float[streams.length * per];
        for (int i = 0; i < streams.length; i++) {
            for (int j = 0; j < per; j++) {
                values[i * per + j] = (float) streams[i].nextGaussian();
            }
        }
        return com.pokegen.engine.model.nn.Tensors.floats(manager, values, new Shape(streams.length, c, h, w));
    }
}
