package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.Fixtures;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.schedule.NoiseSchedule;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherTrainingTest {

    static final Path PIPELINE = Fixtures.PIPELINE;
    static NDManager manager;
    static LatentSet data;

    @BeforeAll
    static void encodeData() throws Exception {
        manager = NDManager.newBaseManager();
        List<TrainingExample> ex = new ArrayList<>();
        Color[] colours = {Color.RED, Color.BLUE, Color.YELLOW, Color.GREEN};
        String[] names = {"red", "blue", "yellow", "green"};
        for (int i = 0; i < 4; i++) {
            Color c = colours[i];
            ex.add(new TrainingExample("img" + i, () -> disc(c), List.of("a " + names[i % 4] + " pokemon")));
        }
        data = TinyLatentSets.encode(ex, 32, 3, manager);
    }

    @AfterAll
    static void close() {
        data.close();
        manager.close();
    }

    static BufferedImage disc(Color c) {
        return TinyLatentSets.onWhite(40, c, g -> g.fillOval(8, 8, 24, 24));
    }

    private static TeacherConfig config(int steps) throws Exception {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("resolution", 32).put("steps", steps).put("batch_size", 2).put("grad_accumulation", 2)
                .put("learning_rate", 1e-3).put("warmup_steps", 2).put("log_every", 1)
                .put("sample_every", 0).put("checkpoint_every", 2).put("seed", 11);
        return TeacherConfig.of(o);
    }

    /** Trains in {@code runDir}; stops before update {@code stopAt} (or never when < 0). */
    private static TrainLoop.Result train(Path runDir, int steps, int stopAt, boolean resume,
            NDManager m) throws Exception {
        UNet2DConditionModel unet = UNet2DConditionModel.fromFolder(PIPELINE.resolve("unet"), m, true);
        UNet2DConditionModel twin = UNet2DConditionModel.fromFolder(PIPELINE.resolve("unet"), m, true);
        TeacherConfig cfg = config(steps);
        AtomicInteger updates = new AtomicInteger();
        TeacherTask task = new TeacherTask(cfg, unet, twin, NoiseSchedule.stableDiffusion(), data, 0.18215f, 0f, m,
                null, (u, dir) -> {
                    Files.createDirectories(dir);
                    Safetensors.write(dir.resolve("diffusion_pytorch_model.safetensors"), StateDict.arrays(u), Map.of());
                });
        return TrainLoop.run(RunFolder.create(runDir), cfg.toJson(), steps,
                new TrainLoop.Cadence(cfg.logEvery(), cfg.sampleEvery(), cfg.checkpointEvery()), task, resume,
                e -> updates.incrementAndGet(), () -> stopAt >= 0 && updates.get() >= stopAt);
    }

    private static List<Double> losses(Path run) throws Exception {
        return EventLog.read(run.resolve("events.jsonl")).stream()
                .filter(e -> e.get("kind").asText().equals("train"))
                .map(e -> e.get("losses").get("loss").asDouble()).collect(Collectors.toList());
    }

    @Test
    void writesTheRunFolder(@TempDir Path dir) throws Exception {
        try (NDManager m = manager.newSubManager()) {
            TrainLoop.Result r = train(dir, 4, -1, false, m);
            assertTrue(r.finished());
            List<JsonNode> events = EventLog.read(dir.resolve("events.jsonl"));
            assertEquals(4, losses(dir).size());
            assertEquals(2, events.stream().filter(e -> e.get("kind").asText().equals("checkpoint")).count());
            assertTrue(Checkpoints.isValid(dir.resolve("checkpoints/step-000004")));
            assertEquals("done", events.get(events.size() - 1).get("kind").asText());
            assertTrue(Files.exists(dir.resolve("spec.json")));
            assertTrue(Checkpoints.isValid(dir.resolve("checkpoints/step-000002")));
            assertTrue(Files.exists(dir.resolve("final/diffusion_pytorch_model.safetensors")));
            losses(dir).forEach(l -> assertTrue(Double.isFinite(l) && l > 0));
        }
    }

    @Test
    void resumeIsBitExact(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        Path interrupted = dir.resolve("interrupted");
        try (NDManager m = manager.newSubManager()) {
            train(straight, 5, -1, false, m);
            // stop after 4 events (train 1, train 2, checkpoint 2, train 3): stops before update 4
            TrainLoop.Result first = train(interrupted, 5, 4, false, m);
            assertFalse(first.finished());
            assertEquals(3, first.stepsDone());
            TrainLoop.Result second = train(interrupted, 5, -1, true, m);
            assertTrue(second.finished());
            assertEquals(losses(straight), losses(interrupted));
            Map<String, NDArray> a = Safetensors.read(straight.resolve("final/diffusion_pytorch_model.safetensors"), m);
            Map<String, NDArray> b = Safetensors.read(interrupted.resolve("final/diffusion_pytorch_model.safetensors"), m);
            assertEquals(a.keySet(), b.keySet());
            for (String k : a.keySet()) {
                assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), 0f, k);
            }
        }
    }
}
