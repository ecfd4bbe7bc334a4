package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.vae.AutoencoderKL;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaeTrainingTest {

    @Test
    void learnsToReconstructAndExportsALoadableFolder(@TempDir Path dir) throws Exception {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("resolution", 16).put("layers_per_block", 1).put("norm_num_groups", 4).put("steps", 60)
                .put("batch_size", 4).put("learning_rate", 3e-3).put("warmup_steps", 5).put("log_every", 10)
                .put("sample_every", 30).put("checkpoint_every", 0).put("random_flip", false);
        o.putArray("block_out_channels").add(8).add(16);
        VaeConfig cfg = VaeConfig.of(o);
        List<TrainingExample> ex = new ArrayList<>();
        Color[] colours = {Color.RED, Color.BLUE, Color.YELLOW, Color.GREEN};
        for (int i = 0; i < colours.length; i++) {
            Color c = colours[i];
            ex.add(new TrainingExample("i" + i, () -> TeacherTrainingTest.disc(c), List.of("x")));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(7);
            AutoencoderKL vae = new AutoencoderKL(VaeTask.modelConfig(cfg));
            vae.initialize(m);
            NDArray images = VaeTask.loadImages(ex, cfg.resolution(), m);
            VaeTask task = new VaeTask(cfg, vae, images, m);
            TrainLoop.run(RunFolder.create(dir), cfg.toJson(), cfg.steps(),
                    new TrainLoop.Cadence(cfg.logEvery(), cfg.sampleEvery(), cfg.checkpointEvery()), task, false,
                    TrainingListener.NONE, () -> false);
            List<JsonNode> train = EventLog.read(dir.resolve("events.jsonl")).stream()
                    .filter(e -> e.get("kind").asText().equals("train")).toList();
            assertEquals(6, train.size());
            double first = train.get(0).get("losses").get("l2").asDouble();
            double last = train.get(5).get("losses").get("l2").asDouble();
            assertTrue(last < first * 0.6, "reconstruction should improve: " + first + " -> " + last);
            assertEquals(32, ImageIO.read(dir.resolve("samples/step-000030.png").toFile()).getHeight());
            AutoencoderKL loaded = AutoencoderKL.fromFolder(dir.resolve("final/vae"), m, true);
            double sf = loaded.config().scalingFactor();
            assertTrue(sf > 0 && Double.isFinite(sf));
            assertEquals(sf, task.latentScalingFactor(), 1e-6);
            assertTrue(Files.exists(dir.resolve("final/vae/diffusion_pytorch_model.safetensors")));
        }
    }
}
