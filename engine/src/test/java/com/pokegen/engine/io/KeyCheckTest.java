package com.pokegen.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.io.KeyCheck.KeyMismatchException;
import com.pokegen.engine.io.KeyCheck.Report;
import com.pokegen.engine.io.KeyCheck.ShapeMismatch;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.StateDict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyCheckTest {

    @Test
    void reportsMissingUnexpectedAndMismatchedKeys() {
        Map<String, Shape> expected = new LinkedHashMap<>();
        expected.put("a.weight", new Shape(4, 3));
        expected.put("a.bias", new Shape(4));
        expected.put("b.weight", new Shape(2));
        Map<String, Shape> found = new LinkedHashMap<>();
        found.put("a.weight", new Shape(3, 4));
        found.put("b.weight", new Shape(2));
        found.put("c.weight", new Shape(1));
        Report r = KeyCheck.compare("ckpt.safetensors", expected, found);
        assertEquals(List.of("a.bias"), r.missing());
        assertEquals(List.of("c.weight"), r.unexpected());
        assertEquals(List.of(new ShapeMismatch("a.weight", new Shape(4, 3), new Shape(3, 4))), r.mismatches());
        assertEquals(1, r.matchedCount());
        assertFalse(r.isClean());
        String d = r.describe();
        assertTrue(d.startsWith("ckpt.safetensors: model expects 3 tensors, checkpoint has 3, 1 match"), d);
        assertTrue(d.contains("1 missing from the checkpoint: [a.bias]") && d.contains("[c.weight]")
                && d.contains("a.weight expects (4, 3) but found (3, 4)"), d);
        assertTrue(KeyCheck.compare("x", expected, expected).isClean());
    }

    @Test
    void listsOnlyTheFirstTwentyOfEachKind() {
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            expected.put("layer." + i, new Shape(1));
        }
        Report r = KeyCheck.compare("f", expected, Map.of());
        assertEquals(25, r.missing().size());
        assertTrue(r.describe().contains("layer.19] ... and 5 more"), r.describe());
        assertFalse(r.describe().contains("layer.20"));
    }

    @Test
    void strictThrowsWithTheReportAndLenientReturnsIt() {
        Map<String, Shape> expected = Map.of("w", new Shape(2));
        Map<String, Shape> found = Map.of("v", new Shape(2));
        assertEquals(List.of("w"), KeyCheck.check("f", expected, found, false).missing());
        KeyMismatchException e = assertThrows(KeyMismatchException.class, () -> KeyCheck.check("f", expected, found, true));
        assertEquals(List.of("v"), e.report().unexpected());
        assertTrue(e.getMessage().contains("config.json"));
    }

    /** StateDict.load checks everything before copying, so a refused load leaves the module untouched. */
    @Test
    void stateDictLoadRefusesMismatchesWithoutPartialCopies() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear l = new Linear(2, 1);
            l.initialize(m);
            float[] before = l.namedParameters().get("bias").getArray().toFloatArray();
            Map<String, NDArray> bad = Map.of("bias", m.create(new float[] {7}), "weight", m.ones(new Shape(2, 2)));
            KeyMismatchException e = assertThrows(KeyMismatchException.class, () -> StateDict.load(l, bad, false, "x.st"));
            assertTrue(e.getMessage().contains("weight expects (1, 2) but found (2, 2)"), e.getMessage());
            assertArrayEquals(before, l.namedParameters().get("bias").getArray().toFloatArray());
        }
    }
}
