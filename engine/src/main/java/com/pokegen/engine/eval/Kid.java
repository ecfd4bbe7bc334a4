package com.pokegen.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.Random;

/**
 * Kernel Inception Distance (Bińkowski et al., 2018, "Demystifying MMD GANs", eq. 3 and 4): the
 * unbiased estimator of MMD² with the cubic polynomial kernel k(x, y) = (xᵀy / d + 1)³,
 *
 * <pre>  MMD²ᵤ = Σ_{i≠j} k(xᵢ,xⱼ)/(m(m−1)) + Σ_{i≠j} k(yᵢ,yⱼ)/(m(m−1)) − 2 Σ_{i,j} k(xᵢ,yⱼ)/m²</pre>
 *
 * averaged over random subsets of m samples from each set, as clean-fid and torchmetrics do
 * (defaults 100 subsets of 1000). Being unbiased, it can be slightly negative for equal
 * distributions. Kernel sums run in float64: the three terms cancel to a small difference.
 */
public final class Kid {

    private final int subsets;
    private final int subsetSize;
    private final long seed;

    /**
     * @param subsets number of random subsets (clean-fid/torchmetrics: 100)
     * @param subsetSize m, capped at the smaller set's size (clean-fid: 1000)
     * @param seed subset sampling seed
     */
    public Kid(int subsets, int subsetSize, long seed) {
        if (subsets < 1 || subsetSize < 2) {
            throw new IllegalArgumentException("KID needs ≥ 1 subset of ≥ 2 samples, got " + subsets + " × " + subsetSize);
        }
        this.subsets = subsets;
        this.subsetSize = subsetSize;
        this.seed = seed;
    }

    /** clean-fid's defaults: 100 subsets of 1000, seed 0. */
    public static Kid defaults() {
        return new Kid(100, 1000, 0);
    }

    /** KID between the rows of two (N, D) feature arrays. */
    public KidResult compute(NDArray samples, NDArray reference, String extractorId, String resizeMethod) {
        long n1 = samples.getShape().get(0);
        long n2 = reference.getShape().get(0);
        long d = samples.getShape().get(1);
        if (reference.getShape().get(1) != d) {
            throw new IllegalArgumentException("feature dimensions differ: " + samples.getShape() + " vs " + reference.getShape());
        }
        int m = (int) Math.min(subsetSize, Math.min(n1, n2));
        if (m < 2) {
            throw new IllegalArgumentException("KID needs at least 2 samples in each set, got " + n1 + " and " + n2);
        }
        Random random = new Random(seed);
        double[] values = new double[subsets];
        try (NDManager sub = samples.getManager().newSubManager()) {
            NDArray x = samples.toType(DataType.FLOAT64, true);
            NDArray y = reference.toType(DataType.FLOAT64, true);
            x.attach(sub);
            y.attach(sub);
            for (int s = 0; s < subsets; s++) {
                try (NDManager step = sub.newSubManager()) {
                    NDArray xs = x.get(new NDIndex("{}", step.create(sample(random, n1, m))));
                    NDArray ys = y.get(new NDIndex("{}", step.create(sample(random, n2, m))));
                    xs.attach(step);
                    ys.attach(step);
                    values[s] = mmd2Unbiased(xs, ys);
                }
            }
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= subsets;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / subsets);
        return new KidResult(MetricNames.kid(extractorId), mean, std, subsets, m, n1, n2, extractorId, resizeMethod);
    }

    /** KID between rows of two N×D Java matrices. */
    public KidResult compute(double[][] samples, double[][] reference, String extractorId, String resizeMethod) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return compute(manager.create(samples), manager.create(reference), extractorId, resizeMethod);
        }
    }

    /** Unbiased MMD² of two (m, D) float64 sets with the cubic kernel. */
    static double mmd2Unbiased(NDArray x, NDArray y) {
        double m = x.getShape().get(0);
        double d = x.getShape().get(1);
        NDArray kxx = kernel(x, x, d);
        NDArray kyy = kernel(y, y, d);
        NDArray kxy = kernel(x, y, d);
        double offDiagXx = kxx.sum().getDouble() - kxx.diagonal().sum().getDouble();
        double offDiagYy = kyy.sum().getDouble() - kyy.diagonal().sum().getDouble();
        return (offDiagXx + offDiagYy) / (m * (m - 1)) - 2 * kxy.sum().getDouble() / (m * m);
    }

    /** (m, D), (m, D) -> (m, m): (a·bᵀ / d + 1)³ */
    private static NDArray kernel(NDArray a, NDArray b, double d) {
        return a.matMul(b.transpose()).div(d).add(1).pow(3);
    }

    /** m distinct indices of [0, n), like numpy's choice(n, m, replace=False). */
    private static long[] sample(Random random, long n, int m) {
        long[] perm = new long[(int) n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        long[] out = new long[m];
        for (int i = 0; i < m; i++) { // partial Fisher–Yates
            int j = i + random.nextInt((int) n - i);
            long t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            out[i] = perm[i];
        }
        return out;
    }
}
