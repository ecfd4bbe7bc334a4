package com.pokegen.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * First and second moments of a feature set, with the provenance every reported figure needs:
 * which extractor, how images were resized, how many samples, from which dataset version.
 *
 * @param extractorId {@link FeatureExtractor#id()} of the features
 * @param resizeMethod how images were brought to the extractor's input size ({@link ResizeMethod#id()})
 * @param datasetVersion dataset version for reference statistics; empty for generated samples
 * @param count number of samples N
 * @param dims feature dimension D
 * @param mean (D) sample mean
 * @param covariance (D×D) row-major unbiased sample covariance (divides by N − 1, as numpy.cov)
 */
public record FeatureStats(String extractorId, String resizeMethod, String datasetVersion, long count, int dims,
        double[] mean, double[] covariance) {

    public FeatureStats {
        Objects.requireNonNull(extractorId, "extractorId");
        Objects.requireNonNull(resizeMethod, "resizeMethod");
        datasetVersion = datasetVersion == null ? "" : datasetVersion;
        if (count < 2) {
            throw new IllegalArgumentException("feature statistics need at least 2 samples, got " + count);
        }
        if (mean.length != dims || covariance.length != (long) dims * dims) {
            throw new IllegalArgumentException("mean has " + mean.length + " values and covariance "
                    + covariance.length + ", expected " + dims + " and " + dims + "²");
        }
    }

    /** Statistics of the rows of {@code features} (N×D). */
    public static FeatureStats of(double[][] features, String extractorId, String resizeMethod) {
        if (features.length == 0) {
            throw new IllegalArgumentException("no feature rows");
        }
        Accumulator acc = new Accumulator(extractorId, resizeMethod, features[0].length);
        acc.add(features);
        return acc.build("");
    }

    /** Statistics of the rows of a (N, D) array. */
    public static FeatureStats of(NDArray features, String extractorId, String resizeMethod) {
        Accumulator acc = new Accumulator(extractorId, resizeMethod, (int) features.getShape().get(1));
        acc.add(features);
        return acc.build("");
    }

    /** The same moments, labelled as reference statistics of {@code version}. */
    public FeatureStats withDatasetVersion(String version) {
        return new FeatureStats(extractorId, resizeMethod, version, count, dims, mean, covariance);
    }

    /** The covariance as an EJML matrix (a copy). */
    public DMatrixRMaj covarianceMatrix() {
        return new DMatrixRMaj(dims, dims, true, covariance);
    }

    /** The mean as a copy. */
    public double[] meanCopy() {
        return mean.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureStats s && s.extractorId.equals(extractorId) && s.resizeMethod.equals(resizeMethod)
                && s.datasetVersion.equals(datasetVersion) && s.count == count && s.dims == dims
                && Arrays.equals(s.mean, mean) && Arrays.equals(s.covariance, covariance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(extractorId, resizeMethod, datasetVersion, count, dims, Arrays.hashCode(mean));
    }

    @Override
    public String toString() {
        return "FeatureStats[" + extractorId + ", resize=" + resizeMethod + ", N=" + count + ", D=" + dims
                + (datasetVersion.isEmpty() ? "" : ", dataset=" + datasetVersion) + "]";
    }

    /**
     * Streams feature batches into running moments, so 50k × 2048 features never sit in memory at
     * once. Batches merge with Chan, Golub and LeVeque's pairwise update (centred scatter of each
     * batch plus a δδᵀ correction), which avoids the cancellation of Σxxᵀ − N·μμᵀ.
     */
    public static final class Accumulator {
        private final String extractorId;
        private final String resizeMethod;
        private final int dims;
        private long count;
        private final double[] mean;
        private final double[] scatter; // Σ (x - μ)(x - μ)ᵀ, row-major D×D

        public Accumulator(String extractorId, String resizeMethod, int dims) {
            if (dims < 1) {
                throw new IllegalArgumentException("feature dimension must be positive, got " + dims);
            }
            this.extractorId = extractorId;
            this.resizeMethod = resizeMethod;
            this.dims = dims;
            this.mean = new double[dims];
            this.scatter = new double[dims * dims];
        }

        /** Adds N×D rows. */
        public void add(double[][] rows) {
            int n = rows.length;
            if (n == 0) {
                return;
            }
            DMatrixRMaj x = new DMatrixRMaj(n, dims);
            for (int i = 0; i < n; i++) {
                if (rows[i].length != dims) {
                    throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " features, expected " + dims);
                }
                System.arraycopy(rows[i], 0, x.data, i * dims, dims);
            }
            double[] batchMean = new double[dims];
            CommonOps_DDRM.sumCols(x, DMatrixRMaj.wrap(1, dims, batchMean));
            for (int j = 0; j < dims; j++) {
                batchMean[j] /= n;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < dims; j++) {
                    x.data[i * dims + j] -= batchMean[j];
                }
            }
            DMatrixRMaj s = new DMatrixRMaj(dims, dims);
            CommonOps_DDRM.multTransA(x, x, s); // (D, N)·(N, D)
            merge(n, batchMean, s.data);
        }

        /** Adds a (N, D) batch; the scatter product runs in the engine, in float64 for accuracy. */
        public void add(NDArray batch) {
            if (batch.getShape().dimension() != 2 || batch.getShape().get(1) != dims) {
                throw new IllegalArgumentException("expected a (N, " + dims + ") feature batch, got " + batch.getShape());
            }
            long n = batch.getShape().get(0);
            if (n == 0) {
                return;
            }
            try (NDManager sub = batch.getManager().newSubManager()) {
                NDArray x = batch.toType(DataType.FLOAT64, true);
                x.attach(sub);
                NDArray mu = x.mean(new int[] {0}); // (D)
                NDArray centred = x.sub(mu); // (N, D)
                NDArray s = centred.transpose().matMul(centred); // (D, D)
                merge(n, mu.toDoubleArray(), s.toDoubleArray());
            }
        }

        private void merge(long n, double[] batchMean, double[] batchScatter) {
            long total = count + n;
            double w = (double) count * n / total;
            double[] delta = new double[dims];
            for (int j = 0; j < dims; j++) {
                delta[j] = batchMean[j] - mean[j];
            }
            for (int i = 0; i < dims; i++) {
                int row = i * dims;
                for (int j = 0; j < dims; j++) {
                    scatter[row + j] += batchScatter[row + j] + delta[i] * delta[j] * w;
                }
            }
            for (int j = 0; j < dims; j++) {
                mean[j] += delta[j] * n / total;
            }
            count = total;
        }

        public long count() {
            return count;
        }

        /** Mean and unbiased covariance of everything added. */
        public FeatureStats build(String datasetVersion) {
            if (count < 2) {
                throw new IllegalStateException("feature statistics need at least 2 samples, got " + count);
            }
            double[] cov = new double[dims * dims];
            for (int k = 0; k < cov.length; k++) {
                cov[k] = scatter[k] / (count - 1);
            }
            return new FeatureStats(extractorId, resizeMethod, datasetVersion, count, dims, mean.clone(), cov);
        }
    }
}
