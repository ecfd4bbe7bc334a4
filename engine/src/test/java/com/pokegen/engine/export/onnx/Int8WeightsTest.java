package com.pokegen.engine.export.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Per-channel symmetric int8: scale = max|w|/127 per output channel, error ≤ scale/2. */
class Int8WeightsTest {

    @Test
    void perChannelScalesAndBoundedError() {
        long[] dims = {3, 2, 2, 2}; // conv [out, in, k, k], channel axis 0
        float[] w = new float[24];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * (i < 8 ? 0.01f : i < 16 ? 1f : 0f); // channel 2 all zero
        }
        w[5] = -0.05f; // channel 0's largest magnitude
        Int8Weights q = Int8Weights.quantize(w, dims, 0);
        assertEquals(0.05f / 127f, q.scales()[0], 1e-9f);
        assertEquals(1f, q.scales()[2], "an all-zero channel gets scale 1");
        assertEquals(-127, q.data()[5]);
        float[] back = q.dequantize(dims, 0);
        for (int i = 0; i < w.length; i++) {
            float scale = q.scales()[i / 8];
            assertTrue(Math.abs(back[i] - w[i]) <= scale / 2 + 1e-9f, "element " + i);
        }
    }

    @Test
    void linearWeightsQuantisePerOutputColumn() {
        long[] dims = {2, 3}; // Wᵀ [in, out], channel axis 1
        float[] w = {1, 2, 3, -1, -4, 6};
        Int8Weights q = Int8Weights.quantize(w, dims, 1);
        assertArrayEquals(new float[] {1 / 127f, 4 / 127f, 6 / 127f}, q.scales(), 1e-9f);
        assertArrayEquals(new byte[] {127, 64, 64, -127, -127, 127}, q.data());
    }
}
