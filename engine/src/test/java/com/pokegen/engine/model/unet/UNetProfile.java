package com.pokegen.engine.model.unet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Writes a libtorch profiler trace of one tiny-config forward+backward (for tuning). */
@Tag("bench")
class UNetProfile {

    @Test
    void profileTiny() throws Exception {
        boolean sd15 = Boolean.getBoolean("profile.sd15");
        UNet2DConditionConfig cfg = sd15 ? UNet2DConditionConfig.fromFile(
                Fixtures.PARITY.resolve("unet_sd15_like/config.json")) : UNetBenchmark.tinyConfig();
        int b = sd15 ? 8 : 32;
        int hw = sd15 ? 8 : 16;
        int tokens = sd15 ? 5 : 16;
        boolean backward = !Boolean.getBoolean("profile.forwardOnly");
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = new UNet2DConditionModel(cfg);
            unet.initialize(m);
            NDArray x = m.randomNormal(new Shape(b, 4, hw, hw));
            NDArray t = m.randomInteger(0, 1000, new Shape(b), DataType.INT64);
            NDArray ctx = m.randomNormal(new Shape(b, tokens, cfg.crossAttentionDim().get(0)));
            for (int i = 0; i < 8; i++) {
                if (i == 7) {
                    JniUtils.startProfile(false, true, false);
                }
                try (NDScope scope = new NDScope();
                        GradientCollector gc = backward ? Engine.getInstance().newGradientCollector() : null) {
                    NDArray out = unet.forward(x, t, ctx);
                    if (backward) {
                        gc.backward(out.square().mean());
                    } else {
                        out.sum().getFloat();
                    }
                }
            }
            JniUtils.stopProfile(System.getProperty("profile.out", "/tmp/unet_trace.json"));
        }
    }
}
