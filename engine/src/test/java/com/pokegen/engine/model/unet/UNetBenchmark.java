package com.pokegen.engine.model.unet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.nn.StateDict;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Forward and forward+backward medians of the UNet on the two reference configs of DESIGN.md
 * (PyTorch eager on this machine kind: 35 / 116 ms and 374 / 1009 ms). Prints, never asserts.
 * Run: {@code ./mvnw -B -Pbench test -pl engine -Dtest=UNetBenchmark}.
 */
@Tag("bench")
class UNetBenchmark {

    /** Warm-up: at least this many passes and this long (JIT of the Java side, allocator pools). */
    private static final int WARMUP = 5;
    private static final long WARMUP_NANOS = 3_000_000_000L;
    private static final int RUNS = Integer.getInteger("bench.runs", 15);

    @Test
    void sd15LikeBatch8() throws Exception {
        UNet2DConditionConfig cfg = UNet2DConditionConfig.fromFile(
                Fixtures.PARITY.resolve("unet_sd15_like/config.json"));
        run("unet_sd15_like b8", cfg, 8, 8, 5, 35, 116);
    }

    @Test
    void tiny64pxBatch32() throws Exception {
        run("64px tiny b32", tinyConfig(), 32, 16, 16, 374, 1009);
    }

    /** The "64 px tiny" teacher: 64/128/256 channels, 2 layers per block, 384-d text. */
    static UNet2DConditionConfig tinyConfig() throws Exception {
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree("{"
                + "\"block_out_channels\": [64, 128, 256], \"layers_per_block\": 2,"
                + "\"down_block_types\": [\"DownBlock2D\", \"CrossAttnDownBlock2D\", \"CrossAttnDownBlock2D\"],"
                + "\"up_block_types\": [\"CrossAttnUpBlock2D\", \"CrossAttnUpBlock2D\", \"UpBlock2D\"],"
                + "\"cross_attention_dim\": 384, \"attention_head_dim\": 8, \"sample_size\": 16}");
        return UNet2DConditionConfig.fromJson(n, "64px-tiny");
    }

    private static void run(String name, UNet2DConditionConfig cfg, int batch, int size, int tokens,
            double torchFwd, double torchFwdBwd) {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = new UNet2DConditionModel(cfg);
            unet.initialize(m);
            long d = cfg.crossAttentionDim().get(0);
            NDArray x = m.randomNormal(new Shape(batch, cfg.inChannels(), size, size));
            NDArray t = m.randomInteger(0, 1000, new Shape(batch), ai.djl.ndarray.types.DataType.INT64);
            NDArray ctx = m.randomNormal(new Shape(batch, tokens, d));
            double fwd = median(() -> {
                try (NDManager pass = m.newSubManager()) {
                    NDArray out = unet.forward(x, t, ctx);
                    out.sum().getFloat(); // force completion
                }
            });
            double fwdBwd = median(() -> {
                try (NDManager pass = m.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = unet.forward(x, t, ctx);
                    gc.backward(out.square().mean());
                }
            });
            System.out.printf("%s (%,d params): forward %.1f ms (torch %.0f, ratio %.2f); "
                            + "forward+backward %.1f ms (torch %.0f, ratio %.2f)%n",
                    name, StateDict.parameterCount(unet), fwd, torchFwd, fwd / torchFwd, fwdBwd,
                    torchFwdBwd, fwdBwd / torchFwdBwd);
        }
    }

    private static double median(Runnable pass) {
        long warmEnd = System.nanoTime() + WARMUP_NANOS;
        for (int i = 0; i < WARMUP || System.nanoTime() < warmEnd; i++) {
            ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope();
            try {
                pass.run();
            } finally {
                scope.close();
            }
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope();
            long t0 = System.nanoTime();
            try {
                pass.run();
            } finally {
                scope.close();
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }
}
