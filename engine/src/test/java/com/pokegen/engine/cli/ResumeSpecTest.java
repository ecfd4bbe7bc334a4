package com.pokegen.engine.cli;

import static com.pokegen.engine.cli.PokegenCliAccess.fails;
import static com.pokegen.engine.cli.PokegenCliAccess.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.train.EventLog;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability issue, "--resume ignores spec.json": a resumed run trains with its spec; a change
 * needs --allow-spec-change and lands in the spec's history; a step count below the newest
 * checkpoint, all-damaged checkpoints and a spec that no longer fits the weights are refused.
 */
class ResumeSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static Path data;
    private static Path trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() throws Exception {
        data = TinyRuns.dataset(shared);
        trained = shared.resolve("run");
        assertEquals(0, run(TinyRuns.trainVae(data, trained)));
    }

    private Path copy() throws Exception {
        return TinyRuns.copy(trained, dir.resolve("run"));
    }

    private static String[] resume(Path run, String... sets) {
        String[] args = new String[5 + sets.length];
        System.arraycopy(new String[] {"train-vae", "--data", data.toString(), "--run", run.toString()}, 0, args, 0, 5);
        System.arraycopy(sets, 0, args, 5, sets.length);
        return args;
    }

    @Test
    void resumeWithoutSetTrainsWithTheSpecNotTheDefaults() throws Exception {
        Path run = copy();
        assertEquals(0, run(resume(run, "--resume"))); // the defaults would be 1500 steps at 64 pixels
        assertEquals(4, JSON.readTree(run.resolve("spec.json").toFile()).get("total_steps").asLong());
        assertEquals(4, EventLog.read(run.resolve("events.jsonl")).stream()
                .filter(e -> e.get("kind").asText().equals("train")).count());
    }

    @Test
    void aDifferingSetIsRefusedWithTheListUnlessAllowedThenRecorded() throws Exception {
        Path run = copy();
        byte[] spec = Files.readAllBytes(run.resolve("spec.json"));
        String err = fails(resume(run, "--resume", "--set", "steps=6", "--set", "learning_rate=0.001",
                "--set", "batch_size=2"));
        assertTrue(err.contains(run.resolve("spec.json").toString()) && err.contains("steps 4 -> 6")
                && err.contains("learning_rate") && !err.contains("batch_size")
                && err.contains("--allow-spec-change"), err);
        assertArrayEquals(spec, Files.readAllBytes(run.resolve("spec.json")));

        assertEquals(0, run(resume(run, "--resume", "--allow-spec-change", "--set", "steps=6")));
        JsonNode after = JSON.readTree(run.resolve("spec.json").toFile());
        assertEquals(6, after.get("config").get("steps").asInt());
        assertEquals(6, after.get("total_steps").asInt());
        JsonNode change = after.get("history").get(0).get("changes");
        assertEquals(4, change.get("steps").get("from").asInt());
        assertEquals(6, change.get("steps").get("to").asInt());
        assertEquals(1, change.size(), change.toString());
        assertTrue(Files.isDirectory(run.resolve("checkpoints/step-000006")));
    }

    @Test
    void stepsBelowTheNewestCheckpointAreRefused() throws Exception {
        Path run = copy();
        byte[] weights = Files.readAllBytes(run.resolve("checkpoints/step-000002/vae.safetensors"));
        String err = fails(resume(run, "--resume", "--allow-spec-change", "--set", "steps=1"));
        assertTrue(err.contains("steps=1 is below the newest checkpoint step-000004"), err);
        assertArrayEquals(weights, Files.readAllBytes(run.resolve("checkpoints/step-000002/vae.safetensors")));
        assertEquals(4, JSON.readTree(run.resolve("spec.json").toFile()).get("total_steps").asLong());
    }

    @Test
    void everyCheckpointDamagedStopsWithoutEmptyingTheEvents() throws Exception {
        Path run = copy();
        for (String step : new String[] {"step-000002", "step-000004"}) {
            try (RandomAccessFile f = new RandomAccessFile(run.resolve("checkpoints/" + step + "/vae.safetensors").toFile(), "rw")) {
                f.seek(f.length() - 1);
                f.write(f.read() ^ 0x55);
            }
        }
        byte[] events = Files.readAllBytes(run.resolve("events.jsonl"));
        String err = fails(resume(run, "--resume"));
        assertTrue(err.contains("every checkpoint is damaged (step-000002, step-000004"), err);
        assertArrayEquals(events, Files.readAllBytes(run.resolve("events.jsonl")));
    }

    @Test
    void aSpecThatNoLongerFitsTheCheckpointIsOneSentence() throws Exception {
        Path run = copy();
        ObjectNode spec = (ObjectNode) JSON.readTree(run.resolve("spec.json").toFile());
        ((ObjectNode) spec.get("config")).putArray("block_out_channels").add(8).add(8);
        Files.writeString(run.resolve("spec.json"), spec.toString());
        String err = fails(resume(run, "--resume"));
        assertTrue(err.contains("does not fit the model") && err.contains("tensors differ in shape")
                && err.length() < 600, err);
    }
}
