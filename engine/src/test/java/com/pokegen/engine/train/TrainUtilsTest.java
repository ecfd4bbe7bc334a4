package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.StateDict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainUtilsTest {

    @Test
    void emaFollowsClosedForm() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear l = new Linear(1, 1, false);
            l.initialize(m);
            Map<String, Parameter> p = StateDict.parameters(l);
            p.get("weight").getArray().set(new float[] {0f});
            Ema ema = new Ema(p, 0.5f, m);
            double shadow = 0;
            for (int n = 0; n < 4; n++) {
                p.get("weight").getArray().set(new float[] {n + 1f});
                double d = Math.min(0.5, (1.0 + n) / (10.0 + n));
                shadow = d * shadow + (1 - d) * (n + 1);
                ema.update(p);
                assertEquals(shadow, ema.weights().get("weight").getFloat(), 1e-6);
            }
        }
    }

    @Test
    void lrWarmsUpThenDecaysToZero() {
        LrSchedule s = new LrSchedule(1e-3f, 10, LrSchedule.Kind.COSINE, 110);
        assertEquals(1e-4f, s.at(0), 1e-9f);
        assertEquals(1e-3f, s.at(9), 1e-9f);
        assertEquals(5e-4f, s.at(60), 1e-8f);
        assertEquals(0f, s.at(110), 1e-9f);
        assertEquals(1e-3f, new LrSchedule(1e-3f, 0, LrSchedule.Kind.CONSTANT, 5).at(1000), 0f);
    }

    @Test
    void clippingScalesToMaxNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear l = new Linear(2, 1, false);
            l.initialize(m);
            Map<String, Parameter> p = StateDict.parameters(l);
            NDArray w = p.get("weight").getArray();
            w.set(new float[] {3f, 4f});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(w.square().sum().div(2)); // grad = w = (3, 4), norm 5
            }
            assertEquals(5.0, GradientClipping.clip(p, 1.0), 1e-5);
            assertArrayEquals(new float[] {0.6f, 0.8f}, w.getGradient().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void seedsAreReproducibleAndIndependent() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = Seeds.normal(m, new Shape(64), Seeds.stream(7, "noise", 3));
            NDArray b = Seeds.normal(m, new Shape(64), Seeds.stream(7, "noise", 3));
            NDArray c = Seeds.normal(m, new Shape(64), Seeds.stream(7, "noise", 4));
            NDArray d = Seeds.normal(m, new Shape(64), Seeds.stream(7, "timesteps", 3));
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
            assertNotEquals(a.getFloat(0), c.getFloat(0));
            assertNotEquals(a.getFloat(0), d.getFloat(0));
            NDArray big = Seeds.normal(m, new Shape(20000), Seeds.stream(1, "x", 0));
            assertEquals(0, big.mean().getFloat(), 0.03);
            assertEquals(1, big.square().mean().getFloat(), 0.05);
        }
    }

    @Test
    void eventLogSkipsAPartialLastLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("events.jsonl");
        try (EventLog log = new EventLog(f, 0)) {
            log.write(log.event(1, "train").put("lr", 0.1));
            log.write(log.event(2, "train"));
        }
        Files.writeString(f, "{\"step\": 3, \"ki", StandardOpenOption.APPEND);
        List<JsonNode> events = EventLog.read(f);
        assertEquals(2, events.size());
        assertEquals(0.1, events.get(0).get("lr").asDouble(), 0);
        assertEquals("train", events.get(1).get("kind").asText());
    }
}
