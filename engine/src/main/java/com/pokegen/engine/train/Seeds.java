package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.model.nn.Tensors;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Every random draw of a run derives from one root seed and a (purpose, index) pair, so step k
 * draws the same numbers whether the run got there directly or was resumed. This is why
 * checkpoints need no RNG state beyond the root seed and the step.
 */
public final class Seeds {

    private Seeds() {}

    /** A generator for (root, purpose, index), independent of every other triple. */
    public static SplittableRandom stream(long root, String purpose, long index) {
        long h = root;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        return new SplittableRandom(mix(h ^ mix(index + 0x9E3779B97F4A7C15L)));
    }

    /** Standard normal samples of {@code shape} (float32) from a generator. */
    public static NDArray normal(NDManager manager, Shape shape, SplittableRandom rng) {
        float[] data = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextGaussian();
        }
        return Tensors.floats(manager, data, shape);
    }

    /** Uniform [0, 1) samples of {@code shape} (float32). */
    public static NDArray uniform(NDManager manager, Shape shape, SplittableRandom rng) {
        float[] data = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextDouble();
        }
        return Tensors.floats(manager, data, shape);
    }

    private static long mix(long z) {
        // Stafford's variant 13 of the MurmurHash3 finaliser (the SplittableRandom mixer)
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
