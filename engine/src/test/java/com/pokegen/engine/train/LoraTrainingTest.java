package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.lora.LoraFiles;
import com.pokegen.engine.model.lora.LoraFixtures;
import com.pokegen.engine.model.lora.LoraNetwork;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.schedule.NoiseSchedule;
import java.awt.Color;
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

/**
 * LoRA training through the teacher's loop: only adapters change, the run resumes bit-exactly,
 * and the trained adapter merged into the weights equals it applied at run time (done-when 1).
 */
class LoraTrainingTest {

    static NDManager manager;
    static LatentSet data;

    @BeforeAll
    static void encodeData() throws Exception {
        manager = NDManager.newBaseManager();
        List<TrainingExample> ex = new ArrayList<>();
        Color[] colours = {Color.RED, Color.BLUE, Color.YELLOW, Color.GREEN};
        for (int i = 0; i < 4; i++) {
            Color c = colours[i];
            ex.add(new TrainingExample("img" + i,
                    () -> TinyLatentSets.onWhite(40, c, g -> g.fillRect(6, 6, 28, 28)), List.of("a zxq pokemon")));
        }
        data = TinyLatentSets.encode(ex, 32, 4, manager);
    }

    @AfterAll
    static void close() {
        data.close();
        manager.close();
    }

    static LoraConfig config(int steps, float dropout) throws Exception {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("steps", steps).put("batch_size", 2).put("learning_rate", 1e-2).put("log_every", 1)
                .put("sample_every", 0).put("checkpoint_every", 2).put("seed", 5).put("rank", 4)
                .put("alpha", 4).put("dropout", dropout).put("targets", "attn+ff").put("ema_decay", 0.5);
        return LoraConfig.of(o);
    }

    private static TrainLoop.Result train(Path runDir, LoraConfig cfg, int stopAt, boolean resume, NDManager m)
            throws Exception {
        UNet2DConditionModel unet = LoraFixtures.unet(m);
        LoraTrainee trainee = LoraTrainee.create(unet, cfg.adapter().builder(), cfg.adapter().dropout(), cfg.training().seed(), m);
        TeacherTask task = new TeacherTask(cfg.training(), trainee, NoiseSchedule.stableDiffusion(), data, 0.18215f,
                0f, m, null, (u, dir) -> {
                    Files.createDirectories(dir);
                    LoraFiles.save(trainee.averagedAdapters(), dir.resolve(LoraFiles.PEFT_FILE), "tiny");
                });
        AtomicInteger events = new AtomicInteger();
        return TrainLoop.run(RunFolder.create(runDir), cfg.toJson(), cfg.steps(),
                new TrainLoop.Cadence(cfg.logEvery(), cfg.sampleEvery(), cfg.checkpointEvery()), task, resume,
                e -> events.incrementAndGet(), () -> stopAt >= 0 && events.get() >= stopAt);
    }

    private static List<Double> losses(Path run) throws Exception {
        return EventLog.read(run.resolve("events.jsonl")).stream().filter(e -> e.get("kind").asText().equals("train"))
                .map(e -> e.get("losses").get("loss").asDouble()).collect(Collectors.toList());
    }

    @Test
    void onlyAdaptersTrainAndMergingEqualsRunTime(@TempDir Path dir) throws Exception {
        try (NDManager m = manager.newSubManager()) {
            assertTrue(train(dir, config(4, 0f), -1, false, m).finished());
            assertTrue(Checkpoints.isValid(dir.resolve("checkpoints/step-000004")));
            Map<String, NDArray> ckpt = Safetensors.read(dir.resolve("checkpoints/step-000004/lora.safetensors"), m);
            assertTrue(ckpt.keySet().stream().allMatch(k -> k.contains(".lora_A.") || k.contains(".lora_B.")));
            UNet2DConditionModel unet = LoraFixtures.unet(m);
            Map<String, float[]> before = new java.util.LinkedHashMap<>();
            StateDict.arrays(unet).forEach((k, v) -> before.put(k, v.toFloatArray()));
            float[] base = LoraFixtures.output(unet, m);
            LoraNetwork lora = LoraFiles.load(dir.resolve("final/" + LoraFiles.PEFT_FILE), unet, "tiny", m, false)
                    .network();
            lora.attach(1f);
            float[] runtime = LoraFixtures.output(unet, m);
            lora.detach();
            lora.merge(1f);
            float[] merged = LoraFixtures.output(unet, m);
            float effect = LoraFixtures.maxAbsDiff(base, runtime);
            float diff = LoraFixtures.maxAbsDiff(runtime, merged);
            System.out.printf("trained LoRA: changes the output by %.3e; merged vs run-time %.2e%n", effect, diff);
            assertTrue(effect > 1e-4, "training moved the adapter, effect " + effect);
            assertTrue(diff <= 1e-4, "merged vs run-time " + diff);
        }
    }

    @Test
    void resumeIsBitExactWithDropout(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        Path interrupted = dir.resolve("interrupted");
        try (NDManager m = manager.newSubManager()) {
            LoraConfig cfg = config(5, 0.1f);
            train(straight, cfg, -1, false, m);
            TrainLoop.Result first = train(interrupted, cfg, 4, false, m); // stops before update 4
            assertFalse(first.finished());
            assertTrue(train(interrupted, cfg, -1, true, m).finished());
            assertEquals(losses(straight), losses(interrupted));
            Map<String, NDArray> a = Safetensors.read(straight.resolve("final/" + LoraFiles.PEFT_FILE), m);
            Map<String, NDArray> b = Safetensors.read(interrupted.resolve("final/" + LoraFiles.PEFT_FILE), m);
            assertEquals(a.keySet(), b.keySet());
            a.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), b.get(k).toFloatArray(), k));
        }
    }
}
