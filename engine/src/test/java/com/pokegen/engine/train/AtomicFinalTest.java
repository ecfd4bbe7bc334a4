package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability issue, "final/ is written in place": an export that dies half-way (weights written,
 * config.json not yet) leaves no final/ at all and no old one damaged; the next run cleans the
 * temporary and writes a complete folder.
 */
class AtomicFinalTest {

    /** A task that writes weights, then dies before config.json while {@code dies} is set. */
    private static final class Exporting implements TrainingTask {
        final NDManager m;
        final String version;
        boolean dies;

        Exporting(NDManager m, String version, boolean dies) {
            this.m = m;
            this.version = version;
            this.dies = dies;
        }

        @Override
        public StepMetrics step(long step) {
            return new StepMetrics(Map.of("loss", 1.0), 1e-3, 0.5, 1);
        }

        @Override
        public Map<String, Map<String, NDArray>> checkpointGroups() {
            return Map.of("w", Map.of("w", m.ones(new Shape(2))));
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
        public void exportFinal(Path dir) throws IOException {
            Files.createDirectories(dir.resolve("vae"));
            Files.writeString(dir.resolve("vae/weights.bin"), version);
            if (dies) {
                throw new IOException("killed while exporting");
            }
            Files.writeString(dir.resolve("vae/config.json"), "{\"version\": \"" + version + "\"}");
        }
    }

    private static TrainLoop.Result train(Path dir, TrainingTask task, boolean resume) throws IOException {
        return TrainLoop.run(RunFolder.create(dir), new ObjectMapper().createObjectNode(), 2,
                new TrainLoop.Cadence(1, 0, 0), task, resume, TrainingListener.NONE, () -> false);
    }

    @Test
    void aDyingExportLeavesNoHalfFolderAndTheNextRunWritesAWholeOne(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IOException.class, () -> train(dir, new Exporting(m, "v1", true), false));
            assertFalse(Files.exists(dir.resolve("final")), "no final/ without config.json");

            train(dir, new Exporting(m, "v1", false), true);
            assertEquals("{\"version\": \"v1\"}", Files.readString(dir.resolve("final/vae/config.json")));

            assertThrows(IOException.class, () -> train(dir, new Exporting(m, "v2", true), true));
            assertEquals("v1", Files.readString(dir.resolve("final/vae/weights.bin")), "the old final/ is intact");
            assertEquals(List.of("checkpoints", "events.jsonl", "final", "samples", "spec.json"), names(dir));
        }
    }

    @Test
    void aTemporaryLeftByAKillIsRemovedByTheNextRun(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("final.tmp-00000000deadbeef/vae"));
        Files.createDirectories(dir.resolve("checkpoints/.tmp-step-000002"));
        try (NDManager m = NDManager.newBaseManager()) {
            train(dir, new Exporting(m, "v1", false), false);
        }
        assertEquals(List.of("checkpoints", "events.jsonl", "final", "samples", "spec.json"), names(dir));
        assertEquals(List.of("step-000002"), names(dir.resolve("checkpoints")));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
