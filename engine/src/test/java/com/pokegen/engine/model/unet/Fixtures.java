package com.pokegen.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;

/** Paths of the shared test fixtures and an element-wise comparison. */
public final class Fixtures {

    public static final Path ROOT = Path.of("src/test/resources/fixtures");
    public static final Path PARITY = ROOT.resolve("parity");
    public static final Path PIPELINE = ROOT.resolve("pipeline_tiny/pipeline");

    private Fixtures() {}

    /** max |actual − expected|, after checking shapes match. */
    public static float maxAbsDiff(NDArray actual, NDArray expected) {
        assertEquals(expected.getShape(), actual.getShape(), "shape");
        return actual.sub(expected).abs().max().getFloat();
    }

    public static void assertClose(NDArray actual, NDArray expected, float tol, String what) {
        float d = maxAbsDiff(actual, expected);
        float scale = expected.abs().max().getFloat();
        assertTrue(scale > 0, what + ": reference is all zeros");
        assertTrue(d <= tol, what + ": max |diff| " + d + " > " + tol + " (reference max " + scale + ")");
    }
}
