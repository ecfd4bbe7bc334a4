package com.pokegen.engine.train.add;

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
import com.pokegen.engine.train.EventLog;
import com.pokegen.engine.train.LatentSet;
import com.pokegen.engine.train.RunFolder;
import com.pokegen.engine.train.TrainLoop;
import com.pokegen.engine.train.TinyLatentSets;
import com.pokegen.engine.train.TrainingExample;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddTaskTest {

    static final Path PIPELINE = Fixtures.PIPELINE;
    static NDManager manager;
    static LatentSet data;

    @BeforeAll
    static void encode() throws Exception {
        manager = NDManager.newBaseManager();
        List<TrainingExample> ex = new ArrayList<>();
        Color[] colours = {Color.RED, Color.BLUE, Color.YELLOW};
        for (Color c : colours) {
            ex.add(new TrainingExample(c.toString(), () -> square(c), List.of("a coloured pokemon")));
        }
        data = TinyLatentSets.encode(ex, 32, 4, manager);
    }

    @AfterAll
    static void close() {
        data.close();
        manager.close();
    }

    static BufferedImage square(Color c) {
        return TinyLatentSets.onWhite(32, c, g -> g.fillRect(8, 8, 16, 16));
    }

    private static AddConfig config(int steps) throws Exception {
        return config(steps, new ObjectMapper().createObjectNode());
    }

    private static AddConfig config(int steps, ObjectNode o) throws Exception {
        o.put("steps", steps).put("batch_size", 2).put("log_every", 1).put("sample_every", 0)
                .put("checkpoint_every", 2).put("diversity_every", 1).put("head_channels", 8)
                .put("student_lr", 1e-4).put("teacher_guidance", 2.0).put("seed", 5).put("r1_gamma", 1e-2);
        return AddConfig.of(o);
    }

    private static TrainLoop.Result run(Path dir, int steps, int stopAfterEvents, boolean resume, NDManager m,
            UNet2DConditionModel[] teacherOut) throws Exception {
        return run(dir, config(steps), stopAfterEvents, resume, m, teacherOut);
    }

    private static TrainLoop.Result run(Path dir, AddConfig cfg, int stopAfterEvents, boolean resume, NDManager m,
            UNet2DConditionModel[] teacherOut) throws Exception {
        int steps = cfg.steps();
        UNet2DConditionModel teacher = UNet2DConditionModel.fromFolder(PIPELINE.resolve("unet"), m, true);
        UNet2DConditionModel student = UNet2DConditionModel.fromFolder(PIPELINE.resolve("unet"), m, true);
        UNet2DConditionModel twin = UNet2DConditionModel.fromFolder(PIPELINE.resolve("unet"), m, true);
        if (teacherOut != null) {
            teacherOut[0] = teacher;
        }
        AddTask task = new AddTask(cfg, student, twin, teacher, NoiseSchedule.stableDiffusion(), data, 0.18215f, 0f,
                m, null, (u, out) -> {
                    Files.createDirectories(out);
                    Safetensors.write(out.resolve("student.safetensors"), StateDict.arrays(u), Map.of());
                });
        AtomicInteger events = new AtomicInteger();
        return TrainLoop.run(RunFolder.create(dir), cfg.toJson(), steps,
                new TrainLoop.Cadence(1, 0, cfg.checkpointEvery()), task, resume, e -> events.incrementAndGet(),
                () -> stopAfterEvents >= 0 && events.get() >= stopAfterEvents);
    }

    @Test
    void trainsTheStudentOnlyAndLogsEveryTerm(@TempDir Path dir) throws Exception {
        try (NDManager m = manager.newSubManager()) {
            UNet2DConditionModel[] teacher = new UNet2DConditionModel[1];
            run(dir, 2, -1, false, m, teacher);
            Map<String, NDArray> original = Safetensors.read(PIPELINE.resolve("unet/diffusion_pytorch_model.safetensors"), m);
            Map<String, NDArray> teacherNow = StateDict.arrays(teacher[0]);
            for (String k : original.keySet()) {
                assertArrayEquals(original.get(k).toFloatArray(), teacherNow.get(k).toFloatArray(), 0f, "teacher changed: " + k);
            }
            Map<String, NDArray> student = Safetensors.read(dir.resolve("final/student.safetensors"), m);
            String probe = "conv_in.weight";
            assertFalse(java.util.Arrays.equals(original.get(probe).toFloatArray(), student.get(probe).toFloatArray()),
                    "the student must move");
            List<JsonNode> events = EventLog.read(dir.resolve("events.jsonl"));
            JsonNode train = events.stream().filter(e -> e.get("kind").asText().equals("train")).findFirst().orElseThrow();
            for (String k : List.of("adv", "distill", "d_loss", "r1", "d_real", "d_fake", "d_accuracy", "g_grad_norm", "d_grad_norm")) {
                assertTrue(Double.isFinite(train.get("losses").get(k).asDouble()), k);
            }
            assertTrue(train.get("losses").get("r1").asDouble() > 0);
            assertTrue(events.stream().anyMatch(e -> e.get("kind").asText().equals("monitor") && e.has("diversity")));
        }
    }

    @Test
    void resumeIsBitExact(@TempDir Path dir) throws Exception {
        try (NDManager m = manager.newSubManager()) {
            run(dir.resolve("a"), 3, -1, false, m, null);
            // events: train 1, monitor 1, train 2, monitor 2, checkpoint 2 -> stop before update 3
            assertFalse(run(dir.resolve("b"), 3, 5, false, m, null).finished());
            assertTrue(run(dir.resolve("b"), 3, -1, true, m, null).finished());
            Map<String, NDArray> a = Safetensors.read(dir.resolve("a/final/student.safetensors"), m);
            Map<String, NDArray> b = Safetensors.read(dir.resolve("b/final/student.safetensors"), m);
            for (String k : a.keySet()) {
                assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), 0f, k);
            }
            List<Double> la = losses(dir.resolve("a")), lb = losses(dir.resolve("b"));
            assertEquals(la, lb);
        }
    }

    /** Each ablation computes only its own term: no discriminator step without L_adv, no teacher call without L_distill. */
    @Test
    void ablationsLeaveTheirTermOut(@TempDir Path dir) throws Exception {
        try (NDManager m = manager.newSubManager()) {
            run(dir.resolve("d"), config(1, new ObjectMapper().createObjectNode().put("adversarial_weight", 0)), -1, false, m, null);
            JsonNode d = trainLosses(dir.resolve("d"));
            assertTrue(d.has("distill") && !d.has("adv") && !d.has("d_loss") && !d.has("r1"), d.toString());
            assertEquals(2.5 * d.get("distill").asDouble(), d.get("loss").asDouble(), 1e-5);
            run(dir.resolve("a"), config(1, new ObjectMapper().createObjectNode().put("distill_weight", 0)), -1, false, m, null);
            JsonNode a = trainLosses(dir.resolve("a"));
            assertTrue(a.has("adv") && a.has("d_loss") && !a.has("distill"), a.toString());
            assertEquals(a.get("adv").asDouble(), a.get("loss").asDouble(), 1e-6);
            assertTrue(EventLog.read(dir.resolve("d/events.jsonl")).stream().anyMatch(
                    e -> e.path("message").asText().contains("no discriminator step")));
        }
    }

    private static JsonNode trainLosses(Path run) throws Exception {
        return EventLog.read(run.resolve("events.jsonl")).stream().filter(e -> e.get("kind").asText().equals("train"))
                .findFirst().orElseThrow().get("losses");
    }

    private static List<Double> losses(Path run) throws Exception {
        return EventLog.read(run.resolve("events.jsonl")).stream().filter(e -> e.get("kind").asText().equals("train"))
                .map(e -> e.get("losses").get("d_loss").asDouble()).toList();
    }
}
