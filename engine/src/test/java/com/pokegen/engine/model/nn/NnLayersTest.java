package com.pokegen.engine.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NnLayersTest {

    static final class Pair extends Module {
        final ModuleList<Linear> layers = child("layers", new ModuleList<>());
        final GroupNorm norm = child("norm", new GroupNorm(2, 4, 1e-5f));

        Pair() {
            layers.add(new Linear(3, 4));
            layers.add(new Linear(4, 4, false));
        }
    }

    @Test
    void stateDictUsesCheckpointNames() {
        Pair p = new Pair();
        assertEquals(
                List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "norm.weight", "norm.bias"),
                List.copyOf(StateDict.parameters(p).keySet()));
        assertEquals(12 + 4 + 16 + 4 + 4, StateDict.parameterCount(p));
    }

    @Test
    void groupNormMatchesClosedForm() {
        try (NDManager m = NDManager.newBaseManager()) {
            GroupNorm gn = new GroupNorm(2, 4, 0f);
            gn.initialize(m);
            // channels {0,1} form group 0 with values 1,3 / 5,7 -> mean 4, var 5
            NDArray x = m.create(new float[] {1, 3, 5, 7, 0, 0, 2, 2}).reshape(1, 4, 2, 1);
            float[] y = gn.forward(x).toFloatArray();
            float s = (float) Math.sqrt(5);
            assertArrayEquals(new float[] {-3 / s, -1 / s, 1 / s, 3 / s, -1, -1, 1, 1}, y, 1e-5f);
        }
    }

    @Test
    void loadCopiesValuesAndReportsKeys() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear l = new Linear(2, 1);
            l.initialize(m);
            Map<String, NDArray> t =
                    Map.of("weight", m.create(new float[] {2, 3}, new Shape(1, 2)),
                            "extra", m.create(1f));
            StateDict.LoadReport r = StateDict.load(l, t, false, "x.safetensors");
            assertEquals(List.of("bias"), r.missing());
            assertEquals(List.of("extra"), r.unexpected());
            assertArrayEquals(new float[] {2, 3}, l.namedParameters().get("weight").getArray().toFloatArray());
            assertThrows(IllegalArgumentException.class, () -> StateDict.load(l, t, true, "x.safetensors"));
            Map<String, NDArray> bad = Map.of("weight", m.ones(new Shape(2, 2)));
            assertThrows(IllegalArgumentException.class, () -> StateDict.load(l, bad, false, "x"));
        }
    }
}
