package com.pokegen.engine.model.unet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.nn.StateDict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Forward and forward+backward medians of the UNet at 1 and 2 libtorch threads, alternated pass
 * by pass in one run, with the 2-thread/1-thread ratio, and the number of libtorch operator
 * calls one forward makes (libtorch profiler, top-level ops: each is at least one JNI crossing).
 * It prints only what this run measured; PyTorch eager reference figures live in
 * {@code docs/performance.md} with their source, because timings from another run on a shared
 * machine cannot be divided into these honestly. Prints, never asserts.
 *
 * <p>Configs: the {@code unet_sd15_like} fixture (batch 8), the "64 px tiny" teacher shape
 * (batch 32) and the shipped student's UNet at the studio's preview batch (1 image, 77 tokens).
 * Run: {@code ./mvnw -B -Pbench test -pl engine -Dtest=UNetBenchmark}.
 */
@Tag("bench")
class UNetBenchmark {

    /** Warm-up: at least this many passes per thread count and this long (JIT, allocator pools). */
    private static final int WARMUP = 3;
    private static final long WARMUP_NANOS = 2_000_000_000L;
    private static final int RUNS = Integer.getInteger("bench.runs", 11);
    private static final int[] THREADS = {1, 2};

    @Test
    void sd15LikeBatch8() throws Exception {
        UNet2DConditionConfig cfg = UNet2DConditionConfig.fromFile(
                Fixtures.PARITY.resolve("unet_sd15_like/config.json"));
        run("unet_sd15_like b8", cfg, 8, 8, 5, true);
    }

    @Test
    void tiny64pxBatch32() throws Exception {
        run("64px tiny b32", tinyConfig(), 32, 16, 16, true);
    }

    @Test
    void shippedStudentBatch1() throws Exception {
        Path config = Path.of(System.getProperty("pokegen.models", "../models"))
                .resolve("pokemon-tiny-student/unet/config.json");
        if (!Files.isRegularFile(config)) {
            System.out.println("UNetBenchmark: no " + config + "; skipping the shipped student");
            return;
        }
        run("shipped student b1 (preview)", UNet2DConditionConfig.fromFile(config), 1, 16, 77, false);
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
            boolean backward) throws Exception {
        Engine.getInstance(); // loads libtorch before the thread calls
        int before = JniUtils.getNumThreads();
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = new UNet2DConditionModel(cfg);
            unet.initialize(m);
            long d = cfg.crossAttentionDim().get(0);
            NDArray x = m.randomNormal(new Shape(batch, cfg.inChannels(), size, size));
            NDArray t = m.randomInteger(0, 1000, new Shape(batch), DataType.INT64);
            NDArray ctx = m.randomNormal(new Shape(batch, tokens, d));
            Runnable fwd = () -> {
                try (NDManager pass = m.newSubManager()) {
                    NDArray out = unet.forward(x, t, ctx);
                    out.sum().getFloat(); // force completion
                }
            };
            Runnable fwdBwd = () -> {
                try (NDManager pass = m.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = unet.forward(x, t, ctx);
                    gc.backward(out.square().mean());
                }
            };
            double[] f = alternate(fwd);
            System.out.printf(Locale.ROOT, "%s (%,d params, %d aten ops per forward): forward %.1f ms at 1 thread,"
                            + " %.1f ms at 2 (2/1 = %.2f)", name, StateDict.parameterCount(unet), countOps(fwd),
                    f[0], f[1], f[1] / f[0]);
            if (backward) {
                double[] fb = alternate(fwdBwd);
                System.out.printf(Locale.ROOT, "; forward+backward %.1f ms at 1 thread, %.1f ms at 2 (2/1 = %.2f)",
                        fb[0], fb[1], fb[1] / fb[0]);
            }
            System.out.printf(Locale.ROOT, "  [OMP_WAIT_POLICY=%s]%n", System.getenv("OMP_WAIT_POLICY"));
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    /** Medians per entry of {@link #THREADS}, passes alternating between thread counts. */
    private static double[] alternate(Runnable pass) {
        for (int threads : THREADS) {
            JniUtils.setNumThreads(threads);
            long warmEnd = System.nanoTime() + WARMUP_NANOS;
            for (int i = 0; i < WARMUP || System.nanoTime() < warmEnd; i++) {
                scoped(pass);
            }
        }
        List<List<Double>> ms = new ArrayList<>();
        Arrays.stream(THREADS).forEach(th -> ms.add(new ArrayList<>()));
        for (int i = 0; i < RUNS; i++) {
            for (int k = 0; k < THREADS.length; k++) {
                JniUtils.setNumThreads(THREADS[k]);
                long t0 = System.nanoTime();
                scoped(pass);
                ms.get(k).add((System.nanoTime() - t0) / 1e6);
            }
        }
        return ms.stream().mapToDouble(UNetBenchmark::median).toArray();
    }

    private static void scoped(Runnable pass) {
        NDScope scope = new NDScope();
        try {
            pass.run();
        } finally {
            scope.close();
        }
    }

    /** Top-level libtorch operator calls of one pass, from a profiler trace. */
    static int countOps(Runnable pass) throws Exception {
        Path trace = Files.createTempFile("unet-ops", ".json");
        try {
            JniUtils.startProfile(false, false, false);
            scoped(pass);
            JniUtils.stopProfile(trace.toString());
            JsonNode root = new ObjectMapper().readTree(trace.toFile());
            JsonNode events = root.isArray() ? root : root.path("traceEvents");
            List<double[]> spans = new ArrayList<>();
            for (JsonNode e : events) {
                if ("X".equals(e.path("ph").asText()) && e.path("name").asText().startsWith("aten::")) {
                    spans.add(new double[] {e.path("ts").asDouble(), e.path("dur").asDouble()});
                }
            }
            spans.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
            int top = 0;
            double end = Double.NEGATIVE_INFINITY;
            for (double[] s : spans) {
                if (s[0] >= end) { // not nested inside the previous top-level op
                    top++;
                    end = s[0] + s[1];
                }
            }
            return top;
        } finally {
            Files.deleteIfExists(trace);
        }
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
