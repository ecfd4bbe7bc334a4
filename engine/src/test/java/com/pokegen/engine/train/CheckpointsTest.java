package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    private static ObjectNode state(long cursor) {
        return new ObjectMapper().createObjectNode().put("cursor", cursor);
    }

    @Test
    void saveLoadRoundTripsExactly(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.randomNormal(new ai.djl.ndarray.types.Shape(3, 5));
            Path saved = Checkpoints.save(dir, 7, Map.of("weights", Map.of("a.weight", w)), state(42));
            assertEquals("step-000007", saved.getFileName().toString());
            Checkpoints.Checkpoint c = Checkpoints.load(saved, m);
            assertEquals(7, c.step());
            assertEquals(42, c.state().get("cursor").asLong());
            assertArrayEquals(w.toFloatArray(), c.groups().get("weights").get("a.weight").toFloatArray(), 0f);
            assertTrue(c.state().get("provenance").has("engine_version"));
        }
    }

    @Test
    void interruptedOrDamagedCheckpointsNeverLoadAsValid(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Map<String, NDArray>> g = Map.of("weights", Map.of("w", m.ones(new ai.djl.ndarray.types.Shape(64))));
            Checkpoints.save(dir, 1, g, state(0));
            Path second = Checkpoints.save(dir, 2, g, state(0));
            // a write that died half-way: temp folder with weights but no state.json
            Path tmp = dir.resolve(".tmp-step-000003");
            Files.createDirectories(tmp);
            Files.write(tmp.resolve("weights.safetensors"), new byte[10]);
            // a renamed folder whose state.json is missing (crash before it was written)
            Files.createDirectories(dir.resolve("step-000004"));
            Files.write(dir.resolve("step-000004/weights.safetensors"), new byte[10]);
            assertEquals(second, Checkpoints.latest(dir).orElseThrow());
            // bit rot in the newest: its hash no longer matches -> fall back to step 1
            try (RandomAccessFile f = new RandomAccessFile(second.resolve("weights.safetensors").toFile(), "rw")) {
                f.seek(f.length() - 1);
                f.write(0x7f);
            }
            assertFalse(Checkpoints.isValid(second));
            assertEquals("step-000001", Checkpoints.latest(dir).orElseThrow().getFileName().toString());
            IOException e = assertThrows(IOException.class, () -> Checkpoints.load(second, m));
            assertTrue(e.getMessage().contains("step-000002"));
        }
    }
}
