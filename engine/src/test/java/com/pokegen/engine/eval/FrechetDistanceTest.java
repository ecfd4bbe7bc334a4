package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    private static final String EXTRACTOR = "test-extractor";
    private static final String RESIZE = "none";

    @Test
    void identicalSetsAreAtDistanceZero() {
        double[][] x = gaussian(new Random(1), 400, 16, 1.0);
        FeatureStats s = FeatureStats.of(x, EXTRACTOR, RESIZE);
        FrechetResult r = FrechetDistance.strict().compute(s, s);
        assertEquals(0, r.value(), 1e-9);
        assertEquals("FD[test-extractor]", r.label());
        assertEquals(400, r.sampleCount());
        assertEquals(RESIZE, r.resizeMethod());
    }

    @Test
    void diagonalCovariancesMatchClosedForm() {
        // Σ1 = diag(a), Σ2 = diag(b): d² = ‖μ1−μ2‖² + Σ (√a − √b)²
        double[] a = {1, 4, 9, 0.25};
        double[] b = {4, 1, 16, 0.01};
        double[] mu1 = {0, 1, 2, 3};
        double[] mu2 = {1, 1, 0, 3};
        double expected = 1 + 0 + 4 + 0;
        for (int i = 0; i < 4; i++) {
            expected += Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        double got = FrechetDistance.distance(mu1, CommonOps_DDRM.diag(a), mu2, CommonOps_DDRM.diag(b));
        assertEquals(expected, got, 1e-12);
    }

    @Test
    void sampledGaussiansApproachTheClosedForm() {
        // N(0, diag(1, 4)) vs N((3, 0), diag(4, 1)): d² = 9 + (1−2)² + (2−1)² = 11
        Random rnd = new Random(7);
        int n = 200_000;
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {rnd.nextGaussian(), 2 * rnd.nextGaussian()};
            y[i] = new double[] {3 + 2 * rnd.nextGaussian(), rnd.nextGaussian()};
        }
        FrechetResult r = FrechetDistance.strict().compute(FeatureStats.of(x, EXTRACTOR, RESIZE), FeatureStats.of(y, EXTRACTOR, RESIZE));
        assertEquals(11, r.value(), 0.15);
    }

    @Test
    void commutingCovariancesMatchClosedForm() {
        // Σ1 = Q diag(a) Qᵀ, Σ2 = Q diag(b) Qᵀ commute: the trace term is Σ √(a b)
        DMatrixRMaj q = randomOrthogonal(new Random(3), 5);
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {5, 0.5, 3, 0.1, 2};
        double expected = 0;
        for (int i = 0; i < 5; i++) {
            expected += a[i] + b[i] - 2 * Math.sqrt(a[i] * b[i]);
        }
        double got = FrechetDistance.distance(new double[5], conjugate(q, CommonOps_DDRM.diag(a)), new double[5],
                conjugate(q, CommonOps_DDRM.diag(b)));
        assertEquals(expected, got, 1e-10);
    }

    @Test
    void nonCommutingTwoByTwoMatchesDeterminantFormula() {
        // For 2×2 PSD: Tr((Σ1Σ2)^½) = √(Tr(Σ1Σ2) + 2√(det Σ1 · det Σ2))
        DMatrixRMaj s1 = new DMatrixRMaj(new double[][] {{2, 1}, {1, 3}});
        DMatrixRMaj s2 = new DMatrixRMaj(new double[][] {{1, -0.5}, {-0.5, 0.7}});
        DMatrixRMaj p = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.mult(s1, s2, p);
        assertTrue(Math.abs(p.get(0, 1) - (s2.get(0, 0) * s1.get(0, 1) + s2.get(0, 1) * s1.get(1, 1))) > 1e-3,
                "the example must not commute");
        double traceRoot = Math.sqrt(CommonOps_DDRM.trace(p) + 2 * Math.sqrt(CommonOps_DDRM.det(s1) * CommonOps_DDRM.det(s2)));
        double[] mu1 = {1, -1};
        double[] mu2 = {0.5, 2};
        double expected = 0.25 + 9 + CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * traceRoot;
        assertEquals(expected, FrechetDistance.distance(mu1, s1, mu2, s2), 1e-12);
    }

    @Test
    void matchesTraceOfGeneralEigenvaluesOfProduct() {
        // an independent route: eigenvalues of the non-symmetric Σ1Σ2 (real, ≥ 0)
        Random rnd = new Random(11);
        int d = 24;
        DMatrixRMaj s1 = randomPsd(rnd, d);
        DMatrixRMaj s2 = randomPsd(rnd, d);
        DMatrixRMaj p = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(s1, s2, p);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, false);
        assertTrue(eig.decompose(p));
        double traceRoot = 0;
        for (int i = 0; i < d; i++) {
            assertEquals(0, eig.getEigenvalue(i).getImaginary(), 1e-8);
            traceRoot += Math.sqrt(eig.getEigenvalue(i).getReal());
        }
        double expected = CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * traceRoot;
        assertEquals(expected, FrechetDistance.distance(new double[d], s1, new double[d], s2), 1e-8 * expected);
    }

    @Test
    void invariantUnderRotationOfBothSets() {
        Random rnd = new Random(5);
        int d = 12;
        double[][] x = gaussian(rnd, 300, d, 1.0);
        double[][] y = gaussian(rnd, 300, d, 1.7);
        for (double[] row : y) {
            row[0] += 2;
        }
        DMatrixRMaj q = randomOrthogonal(rnd, d);
        double plain = fd(x, y);
        double rotated = fd(rotate(x, q), rotate(y, q));
        assertTrue(plain > 1);
        assertEquals(plain, rotated, 1e-9 * plain);
    }

    @Test
    void ndArrayAndBatchedStatisticsEqualOnePass() {
        double[][] x = gaussian(new Random(9), 257, 6, 3.0);
        for (double[] row : x) {
            row[2] += 1e4; // a large offset: naive Σxxᵀ − Nμμᵀ would lose digits here
        }
        FeatureStats direct = FeatureStats.of(x, EXTRACTOR, RESIZE);
        double[] mean = new double[6];
        for (double[] row : x) {
            for (int j = 0; j < 6; j++) {
                mean[j] += row[j] / x.length;
            }
        }
        double c25 = 0;
        for (double[] row : x) {
            c25 += (row[2] - mean[2]) * (row[5] - mean[5]) / (x.length - 1);
        }
        assertArrayEquals(mean, direct.mean(), 1e-9);
        assertEquals(c25, direct.covariance()[2 * 6 + 5], 1e-9);

        FeatureStats.Accumulator acc = new FeatureStats.Accumulator(EXTRACTOR, RESIZE, 6);
        try (NDManager m = NDManager.newBaseManager()) {
            acc.add(m.create(java.util.Arrays.copyOfRange(x, 0, 100)));
            acc.add(java.util.Arrays.copyOfRange(x, 100, 101));
            acc.add(m.create(java.util.Arrays.copyOfRange(x, 101, 257)));
        }
        FeatureStats batched = acc.build("v1");
        assertEquals(257, batched.count());
        assertEquals("v1", batched.datasetVersion());
        assertArrayEquals(direct.mean(), batched.mean(), 1e-9);
        assertArrayEquals(direct.covariance(), batched.covariance(), 1e-7);
    }

    @Test
    void refusesFewerSamplesThanDimensionsUnlessAllowed() {
        double[][] x = gaussian(new Random(2), 10, 32, 1.0);
        double[][] y = gaussian(new Random(3), 10, 32, 1.0);
        FeatureStats a = FeatureStats.of(x, EXTRACTOR, RESIZE);
        FeatureStats b = FeatureStats.of(y, EXTRACTOR, RESIZE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.strict().compute(a, b));
        assertTrue(e.getMessage().contains("--allow-few-samples"), e.getMessage());
        assertTrue(e.getMessage().contains("10 samples"), e.getMessage());
        assertTrue(FrechetDistance.allowingFewSamples().compute(a, b).value() > 0);
    }

    @Test
    void refusesStatisticsOfDifferentExtractorsOrResizers() {
        double[][] x = gaussian(new Random(2), 50, 4, 1.0);
        FeatureStats a = FeatureStats.of(x, "inception-2015-12-05:abc", "torch-bilinear");
        assertEquals("FID", FrechetDistance.strict().compute(a, a).label());
        FeatureStats b = FeatureStats.of(x, "in-domain:xyz", "torch-bilinear");
        FeatureStats c = FeatureStats.of(x, "inception-2015-12-05:abc", "pil-bicubic");
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.strict().compute(a, b));
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.strict().compute(a, c));
        assertEquals("in-domain FD", FrechetDistance.strict().compute(b, b).label());
    }

    private static double fd(double[][] x, double[][] y) {
        return FrechetDistance.strict().compute(FeatureStats.of(x, EXTRACTOR, RESIZE), FeatureStats.of(y, EXTRACTOR, RESIZE)).value();
    }

    static double[][] gaussian(Random rnd, int n, int d, double scale) {
        double[][] out = new double[n][d];
        for (double[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] = scale * rnd.nextGaussian() * (1 + 0.3 * j);
            }
        }
        return out;
    }

    private static double[][] rotate(double[][] x, DMatrixRMaj q) {
        DMatrixRMaj in = new DMatrixRMaj(x);
        DMatrixRMaj out = new DMatrixRMaj(in.numRows, q.numCols);
        CommonOps_DDRM.mult(in, q, out);
        double[][] rows = new double[out.numRows][out.numCols];
        for (int i = 0; i < out.numRows; i++) {
            for (int j = 0; j < out.numCols; j++) {
                rows[i][j] = out.get(i, j);
            }
        }
        return rows;
    }

    private static DMatrixRMaj randomOrthogonal(Random rnd, int d) {
        DMatrixRMaj a = new DMatrixRMaj(d, d);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = rnd.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
        assertTrue(qr.decompose(a));
        return qr.getQ(null, false);
    }

    private static DMatrixRMaj conjugate(DMatrixRMaj q, DMatrixRMaj m) {
        DMatrixRMaj t = new DMatrixRMaj(q.numRows, q.numCols);
        DMatrixRMaj out = new DMatrixRMaj(q.numRows, q.numCols);
        CommonOps_DDRM.mult(q, m, t);
        CommonOps_DDRM.multTransB(t, q, out);
        return out;
    }

    private static DMatrixRMaj randomPsd(Random rnd, int d) {
        DMatrixRMaj a = new DMatrixRMaj(d, d + 3);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = rnd.nextGaussian();
        }
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(a, a, out);
        return out;
    }
}
