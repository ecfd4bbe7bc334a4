package com.pokegen.engine.model.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.model.nn.GroupNorm;
import com.pokegen.engine.model.nn.StateDict;
import org.junit.jupiter.api.Test;

/** The shared blocks against closed forms computed in Java doubles. */
class BlocksTest {

    /** Φ via erf from Abramowitz-Stegun 7.1.26 is too coarse; use a series good to 1e-12. */
    private static double erf(double x) {
        double sum = x;
        double term = x;
        for (int n = 1; n < 200; n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    @Test
    void geluIsTheExactErfForm() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] xs = {-4f, -2.5f, -1f, -0.3f, 0f, 0.2f, 0.7f, 1.5f, 3f};
            float[] y = Ops.gelu(m.create(xs)).toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                double exact = 0.5 * xs[i] * (1 + erf(xs[i] / Math.sqrt(2)));
                assertEquals(exact, y[i], 1e-6, "gelu(" + xs[i] + ")");
            }
            // the tanh approximation differs by ~1e-4 around |x| = 2: make sure we are not it
            double x = -2.5;
            double tanh = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            assertTrue(Math.abs(tanh - y[1]) > 1e-5);
        }
    }

    @Test
    void siluIsXTimesSigmoid() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] xs = {-6f, -1f, 0f, 0.5f, 4f};
            float[] y = Ops.silu(m.create(xs)).toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                assertEquals(xs[i] / (1 + Math.exp(-xs[i])), y[i], 1e-6);
            }
        }
    }

    @Test
    void timestepFeaturesFollowGetTimestepEmbedding() {
        try (NDManager m = NDManager.newBaseManager()) {
            int dim = 8;
            int half = dim / 2;
            for (boolean flip : new boolean[] {true, false}) {
                for (int shift : new int[] {0, 1}) {
                    Timesteps ts = new Timesteps(dim, flip, shift);
                    float[] t = {0f, 3f, 999f};
                    NDArray emb = ts.forward(m.create(new long[] {0, 3, 999}));
                    assertEquals(new Shape(3, dim), emb.getShape());
                    for (int b = 0; b < t.length; b++) {
                        for (int i = 0; i < half; i++) {
                            double freq = Math.exp(-Math.log(10000) * i / (half - shift));
                            double sin = Math.sin(t[b] * freq);
                            double cos = Math.cos(t[b] * freq);
                            // float32 arguments up to ~1000 rad: allow float rounding of t·freq
                            assertEquals(flip ? cos : sin, emb.getFloat(b, i), 2e-4);
                            assertEquals(flip ? sin : cos, emb.getFloat(b, half + i), 2e-4);
                        }
                    }
                }
            }
            assertEquals(new Shape(2, 5), new Timesteps(5, true, 0).forward(m.create(new long[] {1, 2})).getShape());
        }
    }

    @Test
    void groupNormMatchesTheDefinition() {
        try (NDManager m = NDManager.newBaseManager()) {
            GroupNorm gn = new GroupNorm(2, 4, 1e-5f);
            gn.initialize(m);
            StateDict.arrays(gn).get("weight").set(new float[] {1f, 2f, 0.5f, -1f});
            StateDict.arrays(gn).get("bias").set(new float[] {0f, 0.1f, -0.2f, 0.3f});
            float[] data = new float[2 * 4 * 3];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) Math.sin(i * 1.7) * (i % 5 + 1);
            }
            NDArray x = m.create(data, new Shape(2, 4, 3));
            float[] y = gn.forward(x).toFloatArray();
            float[] ys = gn.forward(x, true).toFloatArray();
            double[] w = {1, 2, 0.5, -1};
            double[] bias = {0, 0.1, -0.2, 0.3};
            for (int b = 0; b < 2; b++) {
                for (int g = 0; g < 2; g++) {
                    int start = b * 12 + g * 6;
                    double mean = 0;
                    for (int k = 0; k < 6; k++) {
                        mean += data[start + k] / 6.0;
                    }
                    double var = 0;
                    for (int k = 0; k < 6; k++) {
                        var += Math.pow(data[start + k] - mean, 2) / 6.0;
                    }
                    for (int k = 0; k < 6; k++) {
                        int c = g * 2 + k / 3;
                        double expected = (data[start + k] - mean) / Math.sqrt(var + 1e-5) * w[c] + bias[c];
                        assertEquals(expected, y[start + k], 1e-5);
                        assertEquals(expected / (1 + Math.exp(-expected)), ys[start + k], 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void nearestUpsampleHandlesExplicitOddSizes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(6f).reshape(1, 1, 2, 3);
            NDArray up = Upsample2D.nearest(x, 4, 6);
            float[] expected = {0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 3, 3, 4, 4, 5, 5};
            assertEquals(new Shape(1, 1, 4, 6), up.getShape());
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, up.toFloatArray());
            // torch: src = floor(dst · in/out); 2 -> 3 rows picks rows 0, 0, 1
            NDArray odd = Upsample2D.nearest(m.arange(2f).reshape(1, 1, 2, 1), 3, 1);
            org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0, 0, 1}, odd.toFloatArray());
        }
    }

    @Test
    void downsampleHalvesWithAsymmetricPadding() {
        try (NDManager m = NDManager.newBaseManager()) {
            Downsample2D d = new Downsample2D(1, 1, 0);
            d.initialize(m);
            StateDict.arrays(d).get("conv.weight").set(new float[] {1, 0, 0, 0, 0, 0, 0, 0, 1});
            StateDict.arrays(d).get("conv.bias").set(new float[] {0});
            NDArray x = m.arange(16f).reshape(1, 1, 4, 4);
            // out[i][j] = x[2i][2j] + x[2i+2][2j+2] (zero beyond the right/bottom edge)
            float[] y = d.forward(x).toFloatArray();
            org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0 + 10, 2 + 0, 8 + 0, 10 + 0}, y);
        }
    }

    @Test
    void attentionWithOneKeyReturnsItsProjectedValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            Attention a = Attention.builder().setQueryDim(4).setHeads(2).setHeadDim(2).optCrossAttentionDim(3).build();
            a.initialize(m);
            NDArray q = m.randomNormal(new Shape(2, 5, 4));
            NDArray ctx = m.randomNormal(new Shape(2, 1, 3));
            // softmax over a single key is 1, so out = to_out(to_v(ctx)) for every query
            NDArray out = a.forward(q, ctx);
            var w = StateDict.arrays(a);
            NDArray v = ctx.matMul(w.get("to_v.weight").transpose());
            NDArray expected = v.matMul(w.get("to_out.0.weight").transpose()).add(w.get("to_out.0.bias"));
            for (int i = 0; i < 5; i++) {
                assertTrue(out.get(":, {}:{}, :", i, i + 1).sub(expected).abs().max().getFloat() < 1e-5);
            }
        }
    }

    @Test
    void buildersRejectBadShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> ResnetBlock2D.builder().setInChannels(30).optGroups(32).build());
        assertThrows(IllegalArgumentException.class, () -> Attention.builder().setQueryDim(8).build());
    }
}
