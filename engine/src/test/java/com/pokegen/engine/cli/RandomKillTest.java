package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.TinyPipelines;
import com.pokegen.engine.train.Checkpoints;
import com.pokegen.engine.train.EventLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when of the reliability issue: {@code kill -9} at random moments of training (steps,
 * checkpoints, {@code final/}), {@code export} and {@code ship} never leaves a visible folder that
 * fails to load; after every kill the next run resumes, and a last unkilled run completes with
 * the events of every step exactly once and no temporaries left.
 */
@Tag("slow")
class RandomKillTest {

    private static final int KILLS = 24;

    @TempDir
    Path dir;

    @Test
    void killsAtRandomMomentsLeaveNoHalfWrittenFolder() throws Exception {
        Path data = TinyRuns.dataset(dir.resolve("dataset"));
        Path pipeline = TinyPipelines.writeRandomClip(dir.resolve("pipeline"), 3);
        Path work = Files.createDirectories(dir.resolve("work"));
        Random random = new Random(14);
        Map<String, Integer> killedIn = new TreeMap<>();
        int kills = 0;
        for (int i = 0; kills < KILLS && i < 3 * KILLS; i++) {
            // a third at any moment, a third just after the last checkpoint (writing final/), a third in export
            String trigger = i % 3 == 0 ? "phase train" : i % 3 == 1 ? "checkpoint @6" : "phase export";
            int delayMs = random.nextInt(i % 3 == 0 ? 6000 : 400);
            String phase = killOnce(work, data, pipeline, trigger, delayMs);
            if (phase != null) {
                killedIn.merge(phase, 1, Integer::sum);
                kills++;
            }
            assertLoadable(work);
        }
        System.out.println("random kills: " + kills + " by phase " + killedIn);
        assertEquals(KILLS, kills);
        Child last = Child.start(work, data, pipeline);
        assertTrue(last.process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, last.process.exitValue(), "the run after the kills completes");
        assertLoadable(work);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), EventLog.read(work.resolve("run/events.jsonl")).stream()
                .filter(e -> e.get("kind").asText().equals("train")).map(e -> e.get("step").asLong()).toList());
        assertEquals(List.of(), temporaries(work), "temporaries of killed runs are cleaned");
        assertEquals(List.of(), temporaries(work.resolve("run")));
        assertEquals(List.of(), temporaries(work.resolve("run/checkpoints")));
    }

    /**
     * Starts the child and kills it {@code delayMs} after {@code trigger} shows; returns the phase
     * it died in, or null when it had finished before the kill.
     */
    private static String killOnce(Path work, Path data, Path pipeline, String trigger, int delayMs) throws Exception {
        Child child = Child.start(work, data, pipeline);
        child.await(trigger);
        Thread.sleep(delayMs);
        child.process.destroyForcibly();
        assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
        child.reader.join(); // everything it printed before it died
        return child.process.exitValue() == 137 ? child.phase() : null;
    }

    /** Every visible folder a run, export or ship wrote must load. */
    private static void assertLoadable(Path work) throws Exception {
        Path run = work.resolve("run");
        if (Files.exists(run.resolve("spec.json"))) {
            new ObjectMapper().readTree(run.resolve("spec.json").toFile());
        }
        for (String step : Checkpoints.folders(run.resolve("checkpoints"))) {
            assertTrue(Checkpoints.isValid(run.resolve("checkpoints").resolve(step)), "half-written " + step);
        }
        if (Files.exists(run.resolve("final"))) {
            try (NDManager m = NDManager.newBaseManager()) {
                AutoencoderKL.fromFolder(run.resolve("final/vae"), m, true);
            }
        }
        for (String folder : new String[] {"export", "shipped"}) {
            if (Files.exists(work.resolve(folder))) {
                try (DiffusionPipeline p = DiffusionPipeline.load(work.resolve(folder))) {
                    assertTrue(p.unet() != null);
                }
            }
        }
    }

    private static List<String> temporaries(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-") || n.contains(".exporting-")
                    || n.contains(".old-") || n.endsWith(".shipping")).toList();
        }
    }

    /** The child JVM and the lines it printed so far. */
    private static final class Child {
        final Process process;
        final StringBuffer output = new StringBuffer();
        final CompletableFuture<Void> reader;

        private Child(Process process) {
            this.process = process;
            this.reader = CompletableFuture.runAsync(this::read);
        }

        static Child start(Path work, Path data, Path pipeline) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new Child(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RandomKillChild.class.getName(), work.toString(), data.toString(), pipeline.toString())
                    .redirectErrorStream(true).start());
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                // the child died: what was read stays
            }
        }

        /** Where the child is: training steps, writing final/ (after the last checkpoint), export or ship. */
        String phase() {
            String text = output.toString();
            String marker = text.substring(text.lastIndexOf("phase ") + "phase ".length()).lines().findFirst().orElse("");
            if (marker.equals("train") && text.contains("checkpoint @6") && !text.contains("done @6")) {
                return "final/";
            }
            return marker;
        }

        void await(String trigger) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (output.indexOf(trigger) < 0) {
                assertTrue(process.isAlive() || output.indexOf(trigger) >= 0, "the child ended early:\n" + output);
                assertTrue(System.nanoTime() < deadline, "no '" + trigger + "' from the child:\n" + output);
                Thread.sleep(5);
            }
        }
    }
}
