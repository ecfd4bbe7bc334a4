package com.pokegen.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Repeated forward passes release their native temporaries (no growth of the process RSS). */
class UNetMemoryTest {

    static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void twoHundredForwardPassesDoNotGrowNativeMemory() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = UNet2DConditionModelTestSupport.load(
                    Fixtures.PARITY.resolve("unet_sd2_like"), m);
            NDArray x = m.randomNormal(new Shape(2, 4, 8, 8));
            NDArray t = m.create(new long[] {999, 10});
            NDArray ctx = m.randomNormal(new Shape(2, 5, 24));
            float first = 0;
            long before = 0;
            int arraysBefore = 0;
            for (int i = 0; i < 220; i++) {
                if (i == 20) { // after warm-up (allocator pools, JIT)
                    System.gc();
                    before = rssKb();
                    arraysBefore = m.getManagedArrays().size();
                }
                try (NDScope scope = new NDScope();
                        NDManager pass = m.newSubManager()) {
                    float s = unet.forward(x, t, ctx).sum().getFloat();
                    if (i == 0) {
                        first = s;
                    }
                    assertTrue(s == first, "forward must be deterministic");
                }
            }
            System.gc();
            long grownMb = (rssKb() - before) / 1024;
            assertTrue(grownMb < 50, "RSS grew by " + grownMb + " MB over 200 passes");
            assertTrue(m.getManagedArrays().size() == arraysBefore, "arrays piled up on the model manager: "
                    + arraysBefore + " -> " + m.getManagedArrays().size());
        }
    }
}
