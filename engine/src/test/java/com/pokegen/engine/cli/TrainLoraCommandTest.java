package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.data.DatasetImporter;
import com.pokegen.engine.data.ImportOptions;
import com.pokegen.engine.model.unet.Fixtures;
import com.pokegen.engine.train.EventLog;
import com.pokegen.engine.train.TinyLatentSets;
import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train-lora} through the CLI: run folder with events, final LoRA usable by generate; bad rank. */
class TrainLoraCommandTest {

    private static final String BASE = Fixtures.PIPELINE.toString();

    @TempDir
    Path dir;

    private record Run(int exit, String err) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = PokegenCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), err.toString().strip());
    }

    private Path dataset() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("images"));
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            ImageIO.write(TinyLatentSets.onWhite(32, i == 0 ? Color.RED : Color.BLUE, g -> g.fillOval(4, 4, 20, 20)),
                    "png", src.resolve("images/" + i + ".png").toFile());
            meta.append(String.format("{\"file_name\": \"images/%d.png\", \"text\": \"a zxq pokemon\"}%n", i));
        }
        Files.writeString(src.resolve("metadata.jsonl"), meta);
        Path data = dir.resolve("data");
        DatasetImporter.importFrom(src, data, ImportOptions.defaults(), (d, t, m) -> { }, () -> false);
        return data;
    }

    @Test
    void trainsALoraThatGenerateApplies() throws Exception {
        Path data = dataset();
        Path runDir = dir.resolve("run");
        Run train = run("train-lora", "--base", BASE, "--data", data.toString(), "--run", runDir.toString(),
                "--rank", "2", "--alpha", "4", "--targets", "all", "--set", "steps=2", "--set", "batch_size=1",
                "--set", "log_every=1", "--set", "sample_every=0", "--set", "checkpoint_every=0");
        assertEquals(0, train.exit(), train.err());
        Path lora = runDir.resolve("final/pytorch_lora_weights.safetensors");
        assertTrue(Files.exists(lora));
        JsonNode spec = new ObjectMapper().readTree(runDir.resolve("spec.json").toFile());
        assertEquals(2, spec.at("/config/rank").asInt());
        assertEquals("all", spec.at("/config/targets").asText());
        assertEquals(2, EventLog.read(runDir.resolve("events.jsonl")).stream()
                .filter(e -> e.get("kind").asText().equals("train")).count());
        Run gen = run("generate", "--model", BASE, "--lora", lora + ":0.5", "--prompt", "a zxq pokemon",
                "--steps", "2", "--seed", "1", "--out", dir.resolve("out").toString());
        assertEquals(0, gen.exit(), gen.err());
    }

    @Test
    void rankBelowOneIsOneClearLine() throws Exception {
        Run r = run("train-lora", "--base", BASE, "--data", dataset().toString(), "--run", dir.resolve("r").toString(),
                "--rank", "0");
        assertEquals(1, r.exit());
        assertEquals("error: lora config: 'rank' must be >= 1, got 0", r.err());
        assertTrue(Files.notExists(dir.resolve("r")));
    }
}
