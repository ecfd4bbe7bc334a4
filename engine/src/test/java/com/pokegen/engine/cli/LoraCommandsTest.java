package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.model.lora.LoraFiles;
import com.pokegen.engine.model.lora.LoraFixtures;
import com.pokegen.engine.model.lora.LoraTargets;
import com.pokegen.engine.model.unet.Fixtures;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code generate --lora} and {@code merge-lora} on the tiny pipeline, and their bad-input lines. */
class LoraCommandsTest {

    private static final String BASE = Fixtures.PIPELINE.toString();

    @TempDir
    static Path shared;

    private static Path lora;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeLora() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = LoraFixtures.unet(m);
            lora = shared.resolve("style.safetensors");
            LoraFiles.save(LoraFixtures.trained(unet, LoraTargets.ALL, 4, 40f, m), lora, BASE);
        }
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PokegenCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    private Run generate(String model, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("generate", "--model", model, "--out", out.toString(),
                "--prompt", "a red pokemon", "--seed", "3", "--steps", "3", "--guidance", "1"));
        a.addAll(List.of(extra));
        return run(a.toArray(String[]::new));
    }

    private static BufferedImage image(Path out) throws Exception {
        return ImageIO.read(out.resolve("0000-seed-3.png").toFile());
    }

    /** Largest difference of any RGB channel between two images. */
    private static int maxChannelDiff(BufferedImage a, BufferedImage b) {
        int d = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    d = Math.max(d, Math.abs(((p >> s) & 255) - ((q >> s) & 255)));
                }
            }
        }
        return d;
    }

    @Test
    void mergedFolderGeneratesWhatTheRunTimeLoraGenerates() throws Exception {
        Run plain = generate(BASE, tmp.resolve("plain"));
        Run withLora = generate(BASE, tmp.resolve("lora"), "--lora", lora + ":0.8");
        Path merged = tmp.resolve("merged");
        Run merge = run("merge-lora", "--base", BASE, "--lora", lora + ":0.8", "--out", merged.toString());
        Run fromMerged = generate(merged.toString(), tmp.resolve("from-merged"));
        for (Run r : List.of(plain, withLora, merge, fromMerged)) {
            assertEquals(0, r.exit(), r.err());
        }
        int loraEffect = maxChannelDiff(image(tmp.resolve("plain")), image(tmp.resolve("lora")));
        int mergeDiff = maxChannelDiff(image(tmp.resolve("lora")), image(tmp.resolve("from-merged")));
        System.out.printf("LoRA changes pixels by up to %d levels; merged vs run-time: %d%n", loraEffect, mergeDiff);
        assertTrue(loraEffect >= 5, "the LoRA must change the image, changed " + loraEffect);
        assertTrue(mergeDiff <= 1, "merged vs run-time pixels differ by " + mergeDiff);
        JsonNode meta = new ObjectMapper().readTree(merged.resolve("pokegen.json").toFile());
        assertEquals(0.8, meta.at("/provenance/merged_loras/0/scale").asDouble(), 1e-6);
        Run export = run("export", "--model", merged.toString(), "--out", tmp.resolve("export").toString());
        assertEquals(0, export.exit(), export.err());
    }

    @Test
    void stackedLorasAddUp() throws Exception {
        Run twice = generate(BASE, tmp.resolve("twice"), "--lora", lora + ":0.4", "--lora", lora + ":0.4");
        Run once = generate(BASE, tmp.resolve("once"), "--lora", lora + ":0.8");
        assertEquals(0, twice.exit(), twice.err());
        assertEquals(0, once.exit(), once.err());
        assertTrue(maxChannelDiff(image(tmp.resolve("twice")), image(tmp.resolve("once"))) <= 1);
    }

    @Test
    void badLoraInputGivesOneClearLine() throws Exception {
        Run missing = generate(BASE, tmp.resolve("a"), "--lora", "nope.safetensors");
        assertEquals(GenerateCommand.INVALID_INPUT, missing.exit());
        assertEquals("error: LoRA file nope.safetensors not found", missing.err().strip());
        Run scale = generate(BASE, tmp.resolve("b"), "--lora", lora + ":lots");
        assertEquals(GenerateCommand.INVALID_INPUT, scale.exit());
        assertTrue(scale.err().strip().startsWith("error: --lora " + lora + ":lots: the scale 'lots' is not a number"),
                scale.err());
        assertEquals(1, scale.err().strip().lines().count());
        Run merge = run("merge-lora", "--base", BASE, "--lora", "nope.safetensors", "--out", tmp.resolve("m").toString());
        assertEquals(1, merge.exit());
        assertEquals("error: LoRA file nope.safetensors not found", merge.err().strip());
    }
}
