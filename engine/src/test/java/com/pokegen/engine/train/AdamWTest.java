package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.StateDict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {

    /** Scalar AdamW, written out from the paper's algorithm in torch's order. */
    private static double[] reference(double w, double[] grads, double lr, double b1, double b2,
            double eps, double wd) {
        double m = 0, v = 0;
        double[] out = new double[grads.length];
        for (int t = 1; t <= grads.length; t++) {
            double g = grads[t - 1];
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            w *= 1 - lr * wd;
            double mhat = m / (1 - Math.pow(b1, t));
            double vhat = v / (1 - Math.pow(b2, t));
            w -= lr * mhat / (Math.sqrt(vhat) + eps);
            out[t - 1] = w;
        }
        return out;
    }

    @Test
    void matchesClosedFormOnAQuadratic() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear l = new Linear(1, 1, false);
            l.initialize(m);
            Map<String, Parameter> params = StateDict.parameters(l);
            NDArray w = params.get("weight").getArray();
            w.set(new float[] {2f});
            AdamW opt = AdamW.builder().setManager(m).optWeightDecay(0.1f).build();
            double expectW = 2;
            double[] grads = new double[5];
            double[] got = new double[5];
            for (int i = 0; i < 5; i++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = w.square().sum(); // d/dw w² = 2w
                    grads[i] = 2 * w.getFloat();
                    gc.backward(loss);
                }
                opt.step(params, 0.05f);
                got[i] = w.getFloat();
            }
            // replay the same gradient sequence in doubles
            double[] ref = new double[5];
            double ww = expectW, mm = 0, vv = 0;
            for (int t = 1; t <= 5; t++) {
                double g = 2 * ww;
                mm = 0.9 * mm + 0.1 * g;
                vv = 0.999 * vv + 0.001 * g * g;
                ww *= 1 - 0.05 * 0.1;
                ww -= 0.05 * (mm / (1 - Math.pow(0.9, t))) / (Math.sqrt(vv / (1 - Math.pow(0.999, t))) + 1e-8);
                ref[t - 1] = ww;
            }
            assertArrayEquals(ref, got, 1e-5);
            assertArrayEquals(reference(2, grads, 0.05, 0.9, 0.999, 1e-8, 0.1), got, 1e-5);
            assertEquals(5, opt.stepCount());
            // gradients were zeroed after the step
            assertEquals(0f, w.getGradient().getFloat(), 0f);
        }
    }

    @Test
    void stateRoundTripContinuesIdentically() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a = run(m, 6, -1);
            float[] b = run(m, 6, 3);
            assertArrayEquals(a, b, 0f);
        }
    }

    /** Runs n steps; at {@code restartAt} rebuilds the optimiser from its saved state. */
    private static float[] run(NDManager m, int n, int restartAt) {
        Linear l = new Linear(2, 1, true);
        l.initialize(m);
        Map<String, Parameter> params = StateDict.parameters(l);
        params.get("weight").getArray().set(new float[] {0.5f, -0.3f});
        params.get("bias").getArray().set(new float[] {0.1f});
        AdamW opt = AdamW.builder().setManager(m).build();
        NDArray x = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
        for (int i = 0; i < n; i++) {
            if (i == restartAt) {
                AdamW fresh = AdamW.builder().setManager(m).build();
                fresh.loadState(opt.state());
                opt.close();
                opt = fresh;
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(l.forward(x).sub(1).square().mean());
            }
            opt.step(params, 0.01f);
        }
        return params.get("weight").getArray().toFloatArray();
    }
}
