package com.pokegen.engine.eval;

/**
 * Separable image resampling with PIL's coefficient scheme (sample centres at (i + ½)·scale,
 * weights renormalised at the borders). Without antialiasing the kernel keeps unit width and
 * this reproduces {@code torch.nn.functional.interpolate(..., align_corners=False)}, including
 * its edge clamping.
 */
final class Resampler {

    /** Output index i reads input indices [start[i], start[i] + weights[i].length). */
    private record Coefficients(int[] start, double[][] weights) {}

    private Resampler() {}

    /**
     * Resizes one (H, W) channel stored row-major in {@code src} to (outH, outW).
     */
    static float[] resize(float[] src, int h, int w, int outH, int outW, ResizeMethod method) {
        if (src.length != h * w) {
            throw new IllegalArgumentException("channel has " + src.length + " values, expected " + h + "×" + w);
        }
        Coefficients cx = coefficients(w, outW, method);
        Coefficients cy = coefficients(h, outH, method);
        float[] rows = new float[h * outW]; // horizontal pass: (H, W) -> (H, outW)
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < outW; x++) {
                double acc = 0;
                double[] wts = cx.weights[x];
                int base = y * w + cx.start[x];
                for (int k = 0; k < wts.length; k++) {
                    acc += wts[k] * src[base + k];
                }
                rows[y * outW + x] = (float) acc;
            }
        }
        float[] out = new float[outH * outW]; // vertical pass: (H, outW) -> (outH, outW)
        for (int y = 0; y < outH; y++) {
            double[] wts = cy.weights[y];
            for (int x = 0; x < outW; x++) {
                double acc = 0;
                for (int k = 0; k < wts.length; k++) {
                    acc += wts[k] * rows[(cy.start[y] + k) * outW + x];
                }
                out[y * outW + x] = (float) acc;
            }
        }
        return out;
    }

    private static Coefficients coefficients(int in, int out, ResizeMethod method) {
        double scale = (double) in / out;
        double filterScale = method.antialias ? Math.max(scale, 1) : 1;
        double support = method.filter.support * filterScale;
        int[] start = new int[out];
        double[][] weights = new double[out][];
        for (int i = 0; i < out; i++) {
            double centre = (i + 0.5) * scale;
            int lo = Math.max((int) (centre - support + 0.5), 0);
            int hi = Math.min((int) (centre + support + 0.5), in);
            double[] w = new double[Math.max(hi - lo, 1)];
            double total = 0;
            for (int k = 0; k < hi - lo; k++) {
                w[k] = method.filter.weight((k + lo - centre + 0.5) / filterScale);
                total += w[k];
            }
            if (total == 0) { // cannot happen for in ≥ 1; guard against division by zero
                lo = Math.min((int) centre, in - 1);
                w = new double[] {1};
            } else {
                for (int k = 0; k < w.length; k++) {
                    w[k] /= total;
                }
            }
            start[i] = lo;
            weights[i] = w;
        }
        return new Coefficients(start, weights);
    }
}
