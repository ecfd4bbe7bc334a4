package com.pokegen.engine.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.nn.Tensors;
import com.pokegen.engine.model.unet.Fixtures;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import java.util.Random;

/** The tiny pipeline's UNet, fixed inputs for it, and LoRAs with non-zero (as if trained) B. */
public final class LoraFixtures {

    private LoraFixtures() {}

    public static UNet2DConditionModel unet(NDManager m) throws Exception {
        return UNet2DConditionModel.fromFolder(Fixtures.PIPELINE.resolve("unet"), m, true);
    }

    /** Gaussian values from a seeded java.util.Random (independent of libtorch's generator). */
    public static NDArray normal(NDManager m, long seed, float std, long... shape) {
        Random r = new Random(seed);
        float[] v = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian() * std;
        }
        return Tensors.floats(m, v, new Shape(shape));
    }

    /** The UNet's output for two fixed samples at timesteps 10 and 700. */
    public static float[] output(UNet2DConditionModel unet, NDManager m) {
        try (NDManager tmp = m.newSubManager()) {
            NDArray x = normal(tmp, 1, 1f, 2, 4, 16, 16);
            NDArray ctx = normal(tmp, 2, 1f, 2, 5, 32);
            NDArray t = Tensors.longs(tmp, new long[] {10, 700});
            return unet.forward(x, t, ctx).toFloatArray();
        }
    }

    /** A LoRA on {@code unet} whose A and B both hold seeded random values (B ≠ 0). */
    public static LoraNetwork trained(UNet2DConditionModel unet, LoraTargets targets, int rank, float alpha,
            NDManager m) {
        LoraNetwork lora = LoraNetwork.builder().setRank(rank).optAlpha(alpha).optTargets(targets).build(unet);
        lora.initialize(m);
        long seed = 100;
        for (NDArray w : StateDict.arrays(lora).values()) {
            try (NDArray v = normal(m, seed++, 0.1f, w.getShape().getShape())) {
                Tensors.copyInto(w, v);
            }
        }
        return lora;
    }

    public static float maxAbsDiff(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
