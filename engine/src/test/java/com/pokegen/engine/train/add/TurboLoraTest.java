package com.pokegen.engine.train.add;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.lora.LoraFiles;
import com.pokegen.engine.model.lora.LoraNetwork;
import com.pokegen.engine.model.lora.LoraTargets;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.Fixtures;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.train.EventLog;
import com.pokegen.engine.train.LatentSet;
import com.pokegen.engine.train.LoraTrainee;
import com.pokegen.engine.train.RunFolder;
import com.pokegen.engine.train.TinyLatentSets;
import com.pokegen.engine.train.TrainLoop;
import com.pokegen.engine.train.TrainingExample;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turbo-LoRA on the tiny fixture: one shared UNet stays frozen, only the LoRA moves, resume is exact. */
class TurboLoraTest {

    static NDManager manager;
    static LatentSet data;

    @BeforeAll
    static void encode() throws Exception {
        manager = NDManager.newBaseManager();
        List<TrainingExample> ex = List.of(Color.RED, Color.BLUE, Color.YELLOW).stream()
                .map(c -> new TrainingExample(c.toString(), () -> AddTaskTest.square(c), List.of("a coloured pokemon")))
                .toList();
        data = TinyLatentSets.encode(ex, 32, 4, manager);
    }

    @AfterAll
    static void close() {
        data.close();
        manager.close();
    }

    private static TrainLoop.Result run(Path dir, int stopAfterEvents, boolean resume, NDManager m,
            UNet2DConditionModel[] unetOut) throws Exception {
        AddConfig cfg = AddConfig.of(new ObjectMapper().createObjectNode().put("steps", 3).put("batch_size", 2)
                .put("log_every", 1).put("sample_every", 0).put("checkpoint_every", 2).put("diversity_every", 1)
                .put("head_channels", 8).put("student_lr", 1e-2).put("teacher_guidance", 2.0).put("seed", 5)
                .put("r1_gamma", 1e-2).put("lora_rank", 4));
        UNet2DConditionModel unet = UNet2DConditionModel.fromFolder(Fixtures.PIPELINE.resolve("unet"), m, true);
        unetOut[0] = unet;
        LoraTrainee student = LoraTrainee.create(unet, LoraNetwork.builder().setRank(4).optAlpha(4)
                .optTargets(LoraTargets.ATTN_FF), 0f, cfg.seed(), m);
        AddTask task = new AddTask(cfg, student, unet, NoiseSchedule.stableDiffusion(), data, 0.18215f, 0f, m, null,
                (u, out) -> {
                    Files.createDirectories(out);
                    LoraFiles.save(student.averagedAdapters(), out.resolve(LoraFiles.PEFT_FILE), "tiny");
                });
        AtomicInteger events = new AtomicInteger();
        return TrainLoop.run(RunFolder.create(dir), cfg.toJson(), cfg.steps(), new TrainLoop.Cadence(1, 0, 2), task,
                resume, e -> events.incrementAndGet(), () -> stopAfterEvents >= 0 && events.get() >= stopAfterEvents);
    }

    @Test
    void onlyTheLoraTrainsAndResumeIsBitExact(@TempDir Path dir) throws Exception {
        try (NDManager m = manager.newSubManager()) {
            UNet2DConditionModel[] unet = new UNet2DConditionModel[1];
            run(dir.resolve("a"), -1, false, m, unet);
            Map<String, NDArray> original = Safetensors.read(
                    Fixtures.PIPELINE.resolve("unet/diffusion_pytorch_model.safetensors"), m);
            Map<String, NDArray> now = StateDict.arrays(unet[0]);
            original.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), now.get(k).toFloatArray(), k));
            Map<String, NDArray> student = Safetensors.read(dir.resolve("a/checkpoints/step-000003/student.safetensors"), m);
            assertTrue(student.keySet().stream().allMatch(k -> k.endsWith(".lora_A.weight") || k.endsWith(".lora_B.weight")));
            Map<String, NDArray> lora = Safetensors.read(dir.resolve("a/final/" + LoraFiles.PEFT_FILE), m);
            float bMax = lora.entrySet().stream().filter(e -> e.getKey().endsWith("lora_B.weight"))
                    .map(e -> e.getValue().abs().max().getFloat()).reduce(0f, Math::max);
            assertTrue(bMax > 0, "the LoRA must move");

            // events: train 1, monitor 1, train 2, monitor 2, checkpoint 2 -> stop before update 3
            assertFalse(run(dir.resolve("b"), 5, false, m, unet).finished());
            assertTrue(run(dir.resolve("b"), -1, true, m, unet).finished());
            Map<String, NDArray> b = Safetensors.read(dir.resolve("b/final/" + LoraFiles.PEFT_FILE), m);
            assertEquals(lora.keySet(), b.keySet());
            lora.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), b.get(k).toFloatArray(), k));
            assertEquals(losses(dir.resolve("a")), losses(dir.resolve("b")));
        }
    }

    private static List<Double> losses(Path run) throws Exception {
        return EventLog.read(run.resolve("events.jsonl")).stream().filter(e -> e.get("kind").asText().equals("train"))
                .map(e -> e.get("losses").get("loss").asDouble()).toList();
    }
}
