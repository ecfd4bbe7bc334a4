package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainLoopTest {

    /** A task whose loss turns NaN at a given update. */
    private static final class Diverging implements TrainingTask {
        final NDManager m;
        final int nanAt;

        Diverging(NDManager m, int nanAt) {
            this.m = m;
            this.nanAt = nanAt;
        }

        @Override
        public StepMetrics step(long step) {
            return new StepMetrics(Map.of("loss", step + 1 == nanAt ? Double.NaN : 1.0 / (step + 1)), 1e-3, 0.5, 1);
        }

        @Override
        public Map<String, Map<String, NDArray>> checkpointGroups() {
            return Map.of("w", Map.of("w", m.ones(new ai.djl.ndarray.types.Shape(2))));
        }

        @Override
        public ObjectNode checkpointState() {
            return new ObjectMapper().createObjectNode();
        }

        @Override
        public void restore(Checkpoints.Checkpoint c) { }

        @Override
        public void sample(long step, Path png) { }

        @Override
        public void exportFinal(Path dir) { }
    }

    @Test
    void nonFiniteLossStopsWithStepAndCauseAndKeepsTheLastCheckpoint(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            TrainLoop.NonFiniteLossException e = assertThrows(TrainLoop.NonFiniteLossException.class,
                    () -> TrainLoop.run(RunFolder.create(dir), new ObjectMapper().createObjectNode(), 10,
                            new TrainLoop.Cadence(1, 0, 2), new Diverging(m, 5), false, TrainingListener.NONE, () -> false));
            assertTrue(e.getMessage().contains("at step 5"), e.getMessage());
            assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
            assertEquals("step-000004", Checkpoints.latest(dir.resolve("checkpoints")).orElseThrow().getFileName().toString());
            List<JsonNode> events = EventLog.read(dir.resolve("events.jsonl"));
            assertEquals("error", events.get(events.size() - 1).get("kind").asText());
        }
    }

    @Test
    void everyShippedPresetParses() throws Exception {
        for (String stage : List.of("teacher", "vae", "add")) {
            ObjectNode defaults = Presets.defaults(stage);
            assertTrue(defaults.size() > 5, stage);
        }
        assertEquals(1000, TeacherConfig.of(new ObjectMapper().createObjectNode().put("steps", 1000)).steps());
        assertEquals(4, com.pokegen.engine.train.add.AddConfig.of(new ObjectMapper().createObjectNode()).studentSteps());
        assertEquals(64, VaeConfig.of(new ObjectMapper().createObjectNode()).resolution());
        assertEquals(List.of(384, 384, 384), Training.presetUnet("pokemon-tiny").crossAttentionDim());
        Exception typo = assertThrows(Exception.class,
                () -> TeacherConfig.of(new ObjectMapper().createObjectNode().put("stpes", 3)));
        assertTrue(typo.getMessage().contains("stpes"), typo.getMessage());
        assertTrue(com.pokegen.engine.train.add.AddConfig.of(new ObjectMapper().createObjectNode()).studentTimesteps(1000)[0] == 999);
        assertEquals(List.of(999L, 749L, 499L, 249L), java.util.Arrays.stream(
                com.pokegen.engine.train.add.AddConfig.of(new ObjectMapper().createObjectNode()).studentTimesteps(1000))
                .boxed().toList());
    }
}
