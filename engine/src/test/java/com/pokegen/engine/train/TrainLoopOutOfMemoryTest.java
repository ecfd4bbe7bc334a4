package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training issue, "bad input": an out-of-memory step becomes a message that says how to fit. */
class TrainLoopOutOfMemoryTest {

    /** A task whose second update fails the way libtorch does. */
    private static final class FailingTask implements TrainingTask {
        private final String error;

        FailingTask(String error) {
            this.error = error;
        }

        @Override
        public StepMetrics step(long step) {
            if (step == 1) {
                throw new EngineException(error + "\nException raised from malloc at c10/core/CPUAllocator.cpp:91");
            }
            return new StepMetrics(Map.of("loss", 1.0), 1e-3, 0.5, 4);
        }

        @Override
        public Map<String, Map<String, NDArray>> checkpointGroups() {
            return Map.of();
        }

        @Override
        public com.fasterxml.jackson.databind.node.ObjectNode checkpointState() {
            return new ObjectMapper().createObjectNode();
        }

        @Override
        public void restore(Checkpoints.Checkpoint checkpoint) {}

        @Override
        public void sample(long step, Path png) {}

        @Override
        public void exportFinal(Path dir) {}
    }

    private static RuntimeException run(Path dir, String error) throws Exception {
        return assertThrows(RuntimeException.class, () -> TrainLoop.run(RunFolder.create(dir),
                new ObjectMapper().createObjectNode(), 5, new TrainLoop.Cadence(1, 0, 0), new FailingTask(error),
                false, TrainingListener.NONE, () -> false));
    }

    @Test
    void cudaAndCpuAllocationFailuresSuggestASmallerBatch(@TempDir Path dir) throws Exception {
        for (String error : List.of("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total capacity)",
                "[enforce fail at alloc_cpu.cpp:117] DefaultCPUAllocator: can't allocate memory: you tried to allocate 8589934592 bytes")) {
            Path run = dir.resolve(error.startsWith("CUDA") ? "gpu" : "cpu");
            RuntimeException e = run(run, error);
            String msg = e.getMessage();
            assertTrue(e instanceof TrainLoop.OutOfMemoryException, msg);
            assertEquals(1, msg.lines().count(), msg);
            assertTrue(msg.contains("step 2") && msg.contains("batch_size") && msg.contains("grad_accumulation"), msg);
            assertTrue(msg.contains(error.startsWith("CUDA") ? "GPU" : "RAM"), msg);
            // the studio reads the same message from the run's log
            List<JsonNode> events = EventLog.read(run.resolve("events.jsonl"));
            JsonNode last = events.get(events.size() - 1);
            assertEquals("error", last.get("kind").asText());
            assertEquals(msg, last.get("message").asText());
        }
    }

    @Test
    void otherEngineErrorsPassThrough(@TempDir Path dir) throws Exception {
        RuntimeException e = run(dir, "shape mismatch");
        assertSame(EngineException.class, e.getClass());
    }
}
