package com.pokegen.engine.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Fréchet distance between two Gaussians fitted to feature sets (Heusel et al., 2017, eq. 6;
 * Dowson and Landau, 1982):
 *
 * <pre>  d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2·(Σ₁^½ Σ₂ Σ₁^½)^½)</pre>
 *
 * <p>Tr((Σ₁Σ₂)^½) equals Tr((Σ₁^½ Σ₂ Σ₁^½)^½) because the two matrices are similar; the latter is
 * symmetric PSD, so both roots come from symmetric eigendecompositions and stay real. With
 * Inception pool3 features this is FID; with any other extractor it is an FD and is labelled so
 * ({@link MetricNames}).
 */
public final class FrechetDistance {

    private final boolean allowFewSamples;

    private FrechetDistance(boolean allowFewSamples) {
        this.allowFewSamples = allowFewSamples;
    }

    /** Refuses statistics from fewer samples than feature dimensions (singular covariances). */
    public static FrechetDistance strict() {
        return new FrechetDistance(false);
    }

    /**
     * Accepts any sample count ≥ 2: the covariance is then rank-deficient and the distance biased,
     * comparable only between runs with the same counts.
     */
    public static FrechetDistance allowingFewSamples() {
        return new FrechetDistance(true);
    }

    /** Distance between generated (or any) statistics and reference statistics. */
    public FrechetResult compute(FeatureStats samples, FeatureStats reference) {
        checkCompatible(samples, reference);
        checkCount(samples, "sample");
        checkCount(reference, "reference");
        double value = distance(samples.mean(), samples.covarianceMatrix(), reference.mean(), reference.covarianceMatrix());
        return new FrechetResult(MetricNames.fd(samples.extractorId()), value, samples.extractorId(),
                samples.resizeMethod(), samples.count(), reference.count(), samples.dims(), reference.datasetVersion());
    }

    /** d² from raw moments; no provenance or sample-count checks. */
    public static double distance(double[] mu1, DMatrixRMaj sigma1, double[] mu2, DMatrixRMaj sigma2) {
        int d = mu1.length;
        if (mu2.length != d || sigma1.numRows != d || sigma2.numRows != d) {
            throw new IllegalArgumentException("moments disagree on the dimension");
        }
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = mu1[i] - mu2[i];
            meanTerm += diff * diff;
        }
        DMatrixRMaj s1 = SymmetricMatrices.symmetrise(sigma1);
        DMatrixRMaj s2 = SymmetricMatrices.symmetrise(sigma2);
        DMatrixRMaj root1 = SymmetricMatrices.sqrtPsd(s1);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj inner = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(root1, s2, tmp);
        CommonOps_DDRM.mult(tmp, root1, inner); // Σ₁^½ Σ₂ Σ₁^½
        double traceRoot = 0;
        for (double lambda : SymmetricMatrices.eigenvalues(SymmetricMatrices.symmetrise(inner))) {
            traceRoot += Math.sqrt(Math.max(lambda, 0));
        }
        return meanTerm + CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * traceRoot;
    }

    private static void checkCompatible(FeatureStats a, FeatureStats b) {
        if (a.dims() != b.dims()) {
            throw new IllegalArgumentException("feature dimensions differ: " + a.dims() + " vs " + b.dims());
        }
        if (!a.extractorId().equals(b.extractorId())) {
            throw new IllegalArgumentException("statistics come from different extractors (" + a.extractorId()
                    + " vs " + b.extractorId() + "): recompute the reference statistics with the same extractor");
        }
        if (!a.resizeMethod().equals(b.resizeMethod())) {
            throw new IllegalArgumentException("statistics use different resize methods (" + a.resizeMethod()
                    + " vs " + b.resizeMethod() + "): FD values are not comparable across resizers");
        }
    }

    private void checkCount(FeatureStats s, String which) {
        if (!allowFewSamples && s.count() < s.dims()) {
            throw new IllegalArgumentException(which + " statistics " + s + " have " + s.count()
                    + " samples, fewer than the " + s.dims() + " feature dimensions, so the covariance is singular and "
                    + "the distance is biased: use at least " + s.dims() + " images, or pass --allow-few-samples "
                    + "(FrechetDistance.allowingFewSamples()) and compare only runs with equal counts");
        }
    }
}
