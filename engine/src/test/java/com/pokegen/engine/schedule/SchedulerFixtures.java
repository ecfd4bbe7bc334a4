package com.pokegen.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The diffusers reference numbers in fixtures/parity/schedulers (values.safetensors, meta.json).
 * Owns an NDManager; close it after the test class.
 */
final class SchedulerFixtures implements AutoCloseable {

    static final Path DIR = Path.of("src/test/resources/fixtures/parity/schedulers");
    static final int[] STEP_COUNTS = {1, 2, 4, 25, 50};

    final NDManager manager = NDManager.newBaseManager();
    final Map<String, NDArray> values;
    final ObjectNode meta;

    SchedulerFixtures() {
        try {
            values = Safetensors.read(DIR.resolve("values.safetensors"), manager);
            meta = (ObjectNode) new ObjectMapper().readTree(DIR.resolve("meta.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    NDArray get(String key) {
        NDArray a = values.get(key);
        if (a == null) {
            throw new AssertionError("fixture key missing: " + key);
        }
        return a;
    }

    /** The common config with {@code _class_name}, the spacing and any extra keys (meta.json). */
    ObjectNode config(String className, String spacing, JsonNode extra) {
        ObjectNode c = meta.get("common_config").deepCopy();
        c.put("_class_name", className);
        c.put("timestep_spacing", spacing);
        if (extra != null) {
            c.setAll((ObjectNode) extra.deepCopy());
        }
        return c;
    }

    double scalar(String key) {
        JsonNode v = meta.get("scalars").get(key);
        if (v == null) {
            throw new AssertionError("meta.json scalar missing: " + key);
        }
        return v.doubleValue();
    }

    /** Seeded N(0, 1) float32 values (java.util.Random), so tests never depend on engine RNG state. */
    NDArray randn(long seed, long... shape) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[(int) new ai.djl.ndarray.types.Shape(shape).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return manager.create(v, new ai.djl.ndarray.types.Shape(shape));
    }

    @Override
    public void close() {
        manager.close();
    }

    static void assertClose(NDArray expected, NDArray actual, double tol, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what + ": shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        assertClose(e, a, tol, what);
    }

    static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) expected[i] - actual[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= tol, what + ": max |diff| " + worst + " at " + at + " (expected "
                + (at >= 0 ? expected[at] : 0) + ", got " + (at >= 0 ? actual[at] : 0) + "), tolerance " + tol);
    }
}
