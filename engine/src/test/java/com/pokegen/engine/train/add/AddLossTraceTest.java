package com.pokegen.engine.train.add;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.model.unet.Fixtures;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.train.LatentSet;
import com.pokegen.engine.train.TinyLatentSets;
import com.pokegen.engine.train.TrainingExample;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact losses of ADD updates 1–3 on a tiny run, written bit for bit to
 * {@code target/add-loss-trace.txt}: a refactoring of the objective compares that file before
 * and after (it must not change). The test itself checks that the trace is reproducible.
 */
class AddLossTraceTest {

    @Test
    void threeUpdatesGiveTheSameLossesTwice() throws Exception {
        List<String> first = trace();
        assertEquals(first, trace(), "ADD losses must depend on (config, seed) only");
        assertTrue(first.stream().anyMatch(l -> l.startsWith("3 d_loss ")), first.toString());
        Files.write(Path.of("target", "add-loss-trace.txt"), first);
    }

    private static List<String> trace() throws Exception {
        List<String> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            List<TrainingExample> ex = new ArrayList<>();
            for (Color c : new Color[] {Color.RED, Color.BLUE}) {
                ex.add(new TrainingExample(c.toString(),
                        () -> TinyLatentSets.onWhite(32, c, g -> g.fillOval(6, 6, 20, 20)), List.of("a round pokemon")));
            }
            LatentSet data = TinyLatentSets.encode(ex, 32, 2, m);
            AddConfig cfg = AddConfig.of(new ObjectMapper().createObjectNode().put("steps", 3).put("batch_size", 2)
                    .put("head_channels", 8).put("student_lr", 1e-4).put("teacher_guidance", 2.0).put("seed", 11)
                    .put("r1_gamma", 1e-2).put("sample_every", 0).put("diversity_every", 0));
            Path unet = Fixtures.PIPELINE.resolve("unet");
            AddTask task = new AddTask(cfg, UNet2DConditionModel.fromFolder(unet, m, true),
                    UNet2DConditionModel.fromFolder(unet, m, true), UNet2DConditionModel.fromFolder(unet, m, true),
                    NoiseSchedule.stableDiffusion(), data, 0.18215f, 0f, m, null, null);
            for (long step = 1; step <= 3; step++) {
                for (Map.Entry<String, Double> e : task.step(step).losses().entrySet()) {
                    out.add(step + " " + e.getKey() + " " + Double.toHexString(e.getValue()));
                }
            }
            data.close();
        }
        return out;
    }
}
