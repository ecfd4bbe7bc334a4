package com.pokegen.engine.eval;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Quality meters that need no pretrained network, read on {@value #SIDE}×{@value #SIDE} RGB in
 * [0, 1] (area-averaged from any size, centre square):
 * <ul>
 * <li><b>pixel FD</b>: Fréchet distance between the PCA-{@value #COMPONENTS} projections of the
 *     samples and of all reference images, the basis fitted on the reference; with its
 *     <b>floor</b>, the same distance for as many reference images drawn at random (what a
 *     perfect model would score with that sample count). It rewards blur: read it beside the
 *     pictures and the sharpness ratio.
 * <li><b>Laplacian energy ratio</b>: mean squared 4-neighbour Laplacian of the grey image,
 *     samples over references; above 1 means speckle, below 1 blur.
 * <li><b>near-copy fraction</b>: samples whose nearest reference image is closer (L2) than half
 *     the median reference-to-nearest-reference distance.
 * <li><b>white fraction</b> and <b>saturation</b> (HSV), beside the reference's own, since wrong
 *     object size and over-saturation dominate the FD's mean term.
 * </ul>
 */
public final class PixelMeters {

    public static final int SIDE = 32;
    public static final int COMPONENTS = 64;
    static final int DIM = 3 * SIDE * SIDE;
    private static final double WHITE = 0.92;
    private static final int FLOOR_DRAWS = 3;

    private final double[][] reference;   // (N, DIM)
    private final double[] mean;          // (DIM)
    private final double[][] basis;       // (COMPONENTS, DIM), unit rows
    private final FeatureStats referenceStats;
    private final double copyDistance;
    private final Summary referenceSummary;

    /** Per-image statistics averaged over a set. */
    public record Summary(double laplacianEnergy, double whiteFraction, double saturation) {}

    /** The meters of one sample set. */
    public record Result(int count, double fd, double fdFloor, double laplacianRatio, double nearCopyFraction,
            double whiteFraction, double saturation, Summary reference) {}

    private PixelMeters(double[][] reference) {
        this.reference = reference;
        this.mean = columnMean(reference);
        this.basis = principalAxes(reference, mean, Math.min(COMPONENTS, reference.length - 1));
        this.referenceStats = stats(reference);
        this.copyDistance = 0.5 * median(nearestDistances(reference, reference, true));
        this.referenceSummary = summarise(reference);
    }

    /** Fits the basis and reference statistics on the dataset's images (at least 3). */
    public static PixelMeters fit(List<BufferedImage> referenceImages) {
        if (referenceImages.size() < 3) {
            throw new IllegalArgumentException("pixel meters need at least 3 reference images, got " + referenceImages.size());
        }
        return new PixelMeters(vectors(referenceImages));
    }

    public Result measure(List<BufferedImage> images) {
        double[][] x = vectors(images);
        double fd = frechet(x);
        Summary s = summarise(x);
        double[] nearest = nearestDistances(x, reference, false);
        long copies = Arrays.stream(nearest).filter(d -> d < copyDistance).count();
        return new Result(x.length, fd, floor(x.length), s.laplacianEnergy() / referenceSummary.laplacianEnergy(),
                (double) copies / x.length, s.whiteFraction(), s.saturation(), referenceSummary);
    }

    /** Mean pixel FD of {@code n} reference images drawn at random against all of them. */
    public double floor(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        double sum = 0;
        for (int d = 0; d < FLOOR_DRAWS; d++) {
            double[][] draw = new double[n][];
            int[] order = permutation(reference.length, rng);
            for (int i = 0; i < n; i++) {
                draw[i] = reference[n <= reference.length ? order[i] : rng.nextInt(reference.length)];
            }
            sum += frechet(draw);
        }
        return sum / FLOOR_DRAWS;
    }

    private double frechet(double[][] x) {
        FeatureStats s = stats(x);
        return FrechetDistance.distance(s.meanCopy(), s.covarianceMatrix(), referenceStats.meanCopy(),
                referenceStats.covarianceMatrix());
    }

    private FeatureStats stats(double[][] x) {
        double[][] p = new double[x.length][basis.length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < basis.length; k++) {
                double dot = 0;
                for (int j = 0; j < DIM; j++) {
                    dot += (x[i][j] - mean[j]) * basis[k][j];
                }
                p[i][k] = dot;
            }
        }
        return FeatureStats.of(p, "pixel-pca" + basis.length + "-" + SIDE + "px", "area");
    }

    // ------------------------------------------------------------------------ image -> vector

    /** Centre square, area-averaged to SIDE², as (r, g, b) planes in [0, 1]. */
    static double[][] vectors(List<BufferedImage> images) {
        double[][] out = new double[images.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(images.get(i));
        }
        return out;
    }

    static double[] vector(BufferedImage img) {
        int side = Math.min(img.getWidth(), img.getHeight());
        int ox = (img.getWidth() - side) / 2;
        int oy = (img.getHeight() - side) / 2;
        int[] rgb = img.getRGB(ox, oy, side, side, null, 0, side);
        double[] v = new double[DIM];
        for (int y = 0; y < SIDE; y++) {
            int y0 = y * side / SIDE;
            int y1 = Math.max(y0 + 1, (y + 1) * side / SIDE);
            for (int x = 0; x < SIDE; x++) {
                int x0 = x * side / SIDE;
                int x1 = Math.max(x0 + 1, (x + 1) * side / SIDE);
                areaMean(rgb, side, x0, x1, y0, y1, v, y * SIDE + x);
            }
        }
        return v;
    }

    private static void areaMean(int[] rgb, int stride, int x0, int x1, int y0, int y1, double[] v, int at) {
        double r = 0;
        double g = 0;
        double b = 0;
        for (int yy = y0; yy < y1; yy++) {
            for (int xx = x0; xx < x1; xx++) {
                int p = rgb[yy * stride + xx];
                r += (p >> 16) & 255;
                g += (p >> 8) & 255;
                b += p & 255;
            }
        }
        double n = 255.0 * (x1 - x0) * (y1 - y0);
        int plane = SIDE * SIDE;
        v[at] = r / n;
        v[plane + at] = g / n;
        v[2 * plane + at] = b / n;
    }

    // ------------------------------------------------------------------------ statistics

    static Summary summarise(double[][] x) {
        double lap = 0;
        double white = 0;
        double sat = 0;
        for (double[] v : x) {
            lap += laplacianEnergy(v);
            double[] ws = whiteAndSaturation(v);
            white += ws[0];
            sat += ws[1];
        }
        return new Summary(lap / x.length, white / x.length, sat / x.length);
    }

    /** Mean of (4·g − the four neighbours)² over interior pixels of the grey image. */
    static double laplacianEnergy(double[] v) {
        int plane = SIDE * SIDE;
        double[] grey = new double[plane];
        for (int i = 0; i < plane; i++) {
            grey[i] = (v[i] + v[plane + i] + v[2 * plane + i]) / 3;
        }
        double sum = 0;
        for (int y = 1; y < SIDE - 1; y++) {
            for (int x = 1; x < SIDE - 1; x++) {
                int i = y * SIDE + x;
                double l = 4 * grey[i] - grey[i - 1] - grey[i + 1] - grey[i - SIDE] - grey[i + SIDE];
                sum += l * l;
            }
        }
        return sum / ((SIDE - 2) * (SIDE - 2));
    }

    private static double[] whiteAndSaturation(double[] v) {
        int plane = SIDE * SIDE;
        double white = 0;
        double sat = 0;
        for (int i = 0; i < plane; i++) {
            double r = v[i];
            double g = v[plane + i];
            double b = v[2 * plane + i];
            double max = Math.max(r, Math.max(g, b));
            double min = Math.min(r, Math.min(g, b));
            white += min > WHITE ? 1 : 0;
            sat += max > 0 ? (max - min) / max : 0;
        }
        return new double[] {white / plane, sat / plane};
    }

    /** For each row of {@code a}, the L2 distance to its nearest row of {@code b} (itself excluded if asked). */
    static double[] nearestDistances(double[][] a, double[][] b, boolean excludeSame) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double best = Double.MAX_VALUE;
            for (int k = 0; k < b.length; k++) {
                if (excludeSame && k == i) {
                    continue;
                }
                best = Math.min(best, squaredDistance(a[i], b[k], best));
            }
            out[i] = Math.sqrt(best);
        }
        return out;
    }

    /** Squared distance, giving up early once it exceeds {@code bound}. */
    private static double squaredDistance(double[] p, double[] q, double bound) {
        double s = 0;
        for (int j = 0; j < p.length && s < bound; j++) {
            double d = p[j] - q[j];
            s += d * d;
        }
        return s;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double[] columnMean(double[][] x) {
        double[] m = new double[DIM];
        for (double[] v : x) {
            for (int j = 0; j < DIM; j++) {
                m[j] += v[j] / x.length;
            }
        }
        return m;
    }

    /**
     * Top principal axes through the N×N Gram matrix of the centred data (N ≪ D): if G·u = λ·u
     * then Xᵀu/√λ is a unit eigenvector of XᵀX with the same eigenvalue.
     */
    static double[][] principalAxes(double[][] x, double[] mean, int k) {
        int n = x.length;
        DMatrixRMaj centred = new DMatrixRMaj(n, DIM);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < DIM; j++) {
                centred.set(i, j, x[i][j] - mean[j]);
            }
        }
        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(centred, centred, gram);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(gram)) {
            throw new IllegalStateException("eigendecomposition of the reference Gram matrix failed");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(eig.getEigenvalue(q).real, eig.getEigenvalue(p).real));
        double[][] axes = new double[k][DIM];
        for (int a = 0; a < k; a++) {
            DMatrixRMaj u = eig.getEigenVector(order[a]);
            double lambda = Math.max(eig.getEigenvalue(order[a]).real, 1e-12);
            for (int i = 0; i < n; i++) {
                double w = u.get(i) / Math.sqrt(lambda);
                for (int j = 0; j < DIM; j++) {
                    axes[a][j] += w * centred.get(i, j);
                }
            }
        }
        return axes;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
