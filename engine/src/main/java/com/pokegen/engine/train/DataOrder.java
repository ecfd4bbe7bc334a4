package com.pokegen.engine.train;

import java.util.SplittableRandom;

/**
 * Which samples a batch holds: the run walks through seeded permutations of the dataset, one
 * per epoch, so batch number k is a pure function of (seed, k) and resume needs no cursor file.
 */
public final class DataOrder {

    private DataOrder() {}

    /** Sample indices of batch {@code draw} (0-based) of size {@code batch} over {@code n} samples. */
    public static int[] batch(int n, int batch, long draw, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("the training set is empty");
        }
        int[] out = new int[batch];
        long first = draw * batch;
        int[] perm = null;
        long permEpoch = -1;
        for (int i = 0; i < batch; i++) {
            long global = first + i;
            long epoch = global / n;
            if (epoch != permEpoch) {
                perm = permutation(n, Seeds.stream(seed, "epoch", epoch));
                permEpoch = epoch;
            }
            out[i] = perm[(int) (global % n)];
        }
        return out;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher–Yates
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
