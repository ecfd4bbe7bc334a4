package com.pokegen.app.service.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.service.RunInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting, stopping and resuming a (tiny) VAE run through the engine's training API. */
class EngineRunServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    private EngineRunService runs;

    @AfterEach
    void close() {
        if (runs != null) {
            runs.close();
        }
    }

    private Path importTinyDataset() throws IOException {
        Path source = Files.createDirectories(temp.resolve("source"));
        for (int i = 0; i < 4; i++) {
            BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    image.setRGB(x, y, ((x * 4 + i * 40) & 0xff) << 16 | ((y * 4) & 0xff) << 8 | (i * 60));
                }
            }
            ImageIO.write(image, "png", source.resolve("p" + i + ".png").toFile());
            Files.writeString(source.resolve("p" + i + ".txt"), "pokemon number " + i);
        }
        EngineDatasetService datasets = new EngineDatasetService(temp.resolve("datasets"));
        return datasets.open(source, ProgressMonitor.NONE).folder();
    }

    /** A VAE small enough to train in a blink: 16 px, channels 8/16. */
    private static ObjectNode tinyVae(int steps) {
        ObjectNode c = JSON.createObjectNode();
        c.put("resolution", 16);
        c.putArray("block_out_channels").add(8).add(16);
        c.put("norm_num_groups", 4);
        c.put("steps", steps);
        c.put("batch_size", 2);
        c.put("log_every", 1);
        c.put("sample_every", 0);
        c.put("checkpoint_every", 0);
        return c;
    }

    private static List<JsonNode> events(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("events.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static List<String> kinds(Path run) throws IOException {
        return events(run).stream().map(e -> e.path("kind").asText()).toList();
    }

    @Test
    void aRunTrainsInTheBackgroundIntoItsFolder() throws Exception {
        Path dataset = importTinyDataset();
        runs = new EngineRunService(temp.resolve("runs"), () -> Optional.of(dataset), ModelFolders.defaults(temp));
        assertEquals(List.of("vae", "teacher", "add"), runs.presets());
        assertTrue(runs.defaults("teacher").has("learning_rate"), "the editable fields come from the engine's preset");

        RunInfo run = runs.start("vae", tinyVae(3));
        assertTrue(run.name().startsWith("vae-"));
        assertTrue(runs.awaitIdle(120, TimeUnit.SECONDS));

        assertEquals(List.of("train", "train", "train", "checkpoint", "done"), kinds(run.folder()), events(run.folder()).toString());
        assertTrue(Files.isDirectory(run.folder().resolve("final/vae")));
        assertEquals(3, runs.open(run.folder()).totalSteps().getAsLong());
        assertEquals(run.folder(), runs.listRuns().get(0).folder());
    }

    @Test
    void aStoppedRunCheckpointsAndResumesToTheEnd() throws Exception {
        Path dataset = importTinyDataset();
        runs = new EngineRunService(temp.resolve("runs"), () -> Optional.of(dataset), ModelFolders.defaults(temp));

        RunInfo run = runs.start("vae", tinyVae(100_000));
        runs.stop(run);
        assertTrue(runs.awaitIdle(120, TimeUnit.SECONDS));
        assertFalse(runs.isRunning(run));
        List<String> stopped = kinds(run.folder());
        assertEquals("stopped", stopped.get(stopped.size() - 1));
        assertEquals("checkpoint", stopped.get(stopped.size() - 2), "stopping checkpoints first");
        assertFalse(Files.exists(run.folder().resolve("final")));
        assertThrows(IOException.class, () -> runs.stop(run), "a finished run cannot be stopped again");
    }

    @Test
    void resumingContinuesFromTheCheckpoint() throws Exception {
        Path dataset = importTinyDataset();
        runs = new EngineRunService(temp.resolve("runs"), () -> Optional.of(dataset), ModelFolders.defaults(temp));
        RunInfo run = runs.start("vae", tinyVae(4));
        assertTrue(runs.awaitIdle(120, TimeUnit.SECONDS));
        // make it look stopped after step 4 of 6: raise the target, as a longer run would have it
        Path spec = run.folder().resolve("spec.json");
        ObjectNode specJson = (ObjectNode) JSON.readTree(spec.toFile());
        ((ObjectNode) specJson.get("config")).put("steps", 6);
        Files.writeString(spec, JSON.writeValueAsString(specJson));

        runs.resume(run);
        assertTrue(runs.awaitIdle(120, TimeUnit.SECONDS));
        List<JsonNode> events = events(run.folder());
        List<Long> trainSteps = events.stream().filter(e -> e.path("kind").asText().equals("train"))
                .map(e -> e.path("step").asLong()).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), trainSteps, "steps 1-4 kept, 5-6 trained after resuming: " + events);
        assertEquals("done", events.get(events.size() - 1).path("kind").asText());
    }

    @Test
    void startingWithoutADatasetOrInputsSaysWhatIsMissing() throws IOException {
        runs = new EngineRunService(temp.resolve("runs"), Optional::empty, ModelFolders.defaults(temp));
        IOException noDataset = assertThrows(IOException.class, () -> runs.start("vae"));
        assertTrue(noDataset.getMessage().startsWith("No dataset is open"), noDataset.getMessage());

        Path dataset = importTinyDataset();
        runs = new EngineRunService(temp.resolve("runs"), () -> Optional.of(dataset), ModelFolders.defaults(temp));
        IOException noVae = assertThrows(IOException.class, () -> runs.start("teacher"));
        assertTrue(noVae.getMessage().startsWith("The teacher needs a trained VAE"), noVae.getMessage());
        IOException badKey = assertThrows(IOException.class,
                () -> runs.start("vae", (ObjectNode) JSON.readTree("{\"stepz\": 3}")));
        assertTrue(badKey.getMessage().contains("stepz"), badKey.getMessage());
        assertEquals(List.of(), runs.listRuns(), "nothing started");
    }
}
