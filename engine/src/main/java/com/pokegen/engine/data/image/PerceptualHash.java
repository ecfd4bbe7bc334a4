package com.pokegen.engine.data.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * 64-bit DCT perceptual hash (Zauner 2010, "pHash"): luminance averaged into 32×32 cells, a 2-D
 * DCT-II, then one bit per low-frequency coefficient of the top-left 8×8 block (DC excluded
 * from the median) set when it exceeds the block's median. Re-encodes, small resizes and mild
 * colour shifts flip few bits; different pictures differ in about half of them.
 */
public final class PerceptualHash {

    private static final int N = 32;
    private static final int K = 8;
    private static final int GRID = 4;
    private static final double[][] COS = new double[K][N];

    static {
        for (int u = 0; u < K; u++) {
            for (int x = 0; x < N; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * N));
            }
        }
    }

    private PerceptualHash() {}

    /** The 64-bit hash of an RGB picture. */
    public static long of(BufferedImage rgb) {
        double[][] lum = cellLuminance(rgb);
        double[] coeffs = new double[K * K];
        for (int u = 0; u < K; u++) {
            for (int v = 0; v < K; v++) {
                double sum = 0;
                for (int y = 0; y < N; y++) {
                    double rowSum = 0;
                    for (int x = 0; x < N; x++) {
                        rowSum += lum[y][x] * COS[v][x];
                    }
                    sum += rowSum * COS[u][y];
                }
                coeffs[u * K + v] = sum;
            }
        }
        double[] ac = Arrays.copyOfRange(coeffs, 1, coeffs.length);
        Arrays.sort(ac);
        double median = (ac[ac.length / 2 - 1] + ac[ac.length / 2]) / 2;
        long hash = 0;
        for (int i = 0; i < coeffs.length; i++) {
            if (coeffs[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    /**
     * Mean colour of each cell of a 4×4 grid, as 96 hex digits (R, G, B per cell). The DCT hash
     * sees luminance only, so recoloured variants (the same drawing in another palette) share
     * it; this signature tells them apart.
     */
    public static String colourGrid(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        long[] sums = new long[GRID * GRID * 3];
        long[] counts = new long[GRID * GRID];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            rgb.getRGB(0, y, w, 1, row, 0, w);
            int cy = (int) ((long) y * GRID / h);
            for (int x = 0; x < w; x++) {
                int cell = cy * GRID + (int) ((long) x * GRID / w);
                sums[3 * cell] += (row[x] >> 16) & 0xFF;
                sums[3 * cell + 1] += (row[x] >> 8) & 0xFF;
                sums[3 * cell + 2] += row[x] & 0xFF;
                counts[cell]++;
            }
        }
        byte[] out = new byte[sums.length];
        for (int i = 0; i < sums.length; i++) {
            long n = counts[i / 3];
            out[i] = (byte) (n == 0 ? 255 : sums[i] / n);
        }
        return java.util.HexFormat.of().formatHex(out);
    }

    /** Mean absolute difference of two {@link #colourGrid} signatures, 0..255. */
    public static double colourDistance(String a, String b) {
        byte[] x = java.util.HexFormat.of().parseHex(a);
        byte[] y = java.util.HexFormat.of().parseHex(b);
        if (x.length != y.length) {
            throw new IllegalArgumentException("colour signatures of different lengths");
        }
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
        }
        return (double) sum / x.length;
    }

    /** Number of differing bits. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** Mean luminance (Rec. 601 weights) of each cell of a 32×32 grid over the picture. */
    private static double[][] cellLuminance(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        double[][] sum = new double[N][N];
        int[][] count = new int[N][N];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            rgb.getRGB(0, y, w, 1, row, 0, w);
            int cy = (int) ((long) y * N / h);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int cx = (int) ((long) x * N / w);
                sum[cy][cx] += 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
                count[cy][cx]++;
            }
        }
        // Pictures smaller than 32 px leave cells empty: copy the nearest filled neighbour.
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                if (count[y][x] > 0) {
                    sum[y][x] /= count[y][x];
                } else {
                    int sy = Math.min(h - 1, (int) ((long) y * h / N));
                    int sx = Math.min(w - 1, (int) ((long) x * w / N));
                    int p = rgb.getRGB(sx, sy);
                    sum[y][x] = 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
                }
            }
        }
        return sum;
    }
}
