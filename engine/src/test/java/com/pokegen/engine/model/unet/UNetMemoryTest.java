package com.pokegen.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 200 forward passes, each in its own NDScope and sub-manager, do not grow the process's
 * resident memory (a leak of the intermediates would cost megabytes per pass).
 *
 * <p>The passes run in a child JVM with a fixed, pre-touched 256 MB heap: in the test JVM the
 * garbage of 200 passes first-touches hundreds of MB of young generation, which VmRSS counts
 * and which would hide (or fake) a native leak.
 */
class UNetMemoryTest {

    private static final int WARMUP = 40;
    private static final int PASSES = 200;
    private static final int WINDOW = 20;

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void twoHundredForwardPassesDoNotGrowNativeMemory() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"));
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("ai.djl.")) {
                cmd.add("-D" + k + "=" + v);
            }
        });
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "child JVM timed out");
        assertEquals(0, p.exitValue(), "child JVM failed:\n" + output);
        String last = output.lines().filter(l -> l.startsWith("GROWN_KB ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no result from the child JVM:\n" + output));
        long grownMb = Long.parseLong(last.substring("GROWN_KB ".length()).trim()) / 1024;
        System.out.println("RSS grew by " + grownMb + " MB over " + PASSES + " passes");
        assertTrue(grownMb < 50, "RSS grew by " + grownMb + " MB over " + PASSES + " passes");
    }

    /** Runs the passes; prints "GROWN_KB n" (minimum RSS of the last window minus the first). */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            try (NDManager m = NDManager.newBaseManager()) {
                UNet2DConditionModel unet = UNet2DConditionModelTestSupport.load(
                        Fixtures.PARITY.resolve("unet_sd2_like"), m);
                NDArray x = m.randomNormal(new Shape(2, 4, 8, 8));
                NDArray t = m.create(new long[] {999, 10});
                NDArray ctx = m.randomNormal(new Shape(2, 5, 24));
                float first = 0;
                int arraysAfterWarmup = 0;
                // minimum RSS over a window of passes filters out allocator transients
                long startMin = Long.MAX_VALUE;
                long endMin = Long.MAX_VALUE;
                int total = WARMUP + PASSES;
                for (int i = 0; i < total; i++) {
                    try (NDScope scope = new NDScope();
                            NDManager pass = m.newSubManager()) {
                        float s = unet.forward(x, t, ctx).sum().getFloat();
                        if (i == 0) {
                            first = s;
                        } else if (s != first) {
                            throw new AssertionError("forward is not deterministic: " + s + " vs " + first);
                        }
                    }
                    if (i == WARMUP) {
                        arraysAfterWarmup = m.getManagedArrays().size();
                    }
                    if (i >= WARMUP && i < WARMUP + WINDOW) {
                        startMin = Math.min(startMin, rssKb());
                    }
                    if (i >= total - WINDOW) {
                        endMin = Math.min(endMin, rssKb());
                    }
                }
                if (m.getManagedArrays().size() != arraysAfterWarmup) {
                    throw new AssertionError("arrays piled up on the model manager: " + arraysAfterWarmup
                            + " -> " + m.getManagedArrays().size());
                }
                System.out.println("GROWN_KB " + (endMin - startMin));
            }
        }
    }
}
