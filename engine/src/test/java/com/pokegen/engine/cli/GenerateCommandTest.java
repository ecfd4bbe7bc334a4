package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.RecommendedSettings;
import com.pokegen.engine.pipeline.TextToImage;
import com.pokegen.engine.pipeline.TinyPipelines;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pokegen generate} end to end on a tiny random student folder. */
class GenerateCommandTest {

    @TempDir
    static Path shared;

    private static Path student;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeModel() throws Exception {
        student = TinyPipelines.writeRandomClip(shared.resolve("student"), 3,
                new PokegenMetadata("tiny-student", "student", null, RecommendedSettings.ADD_STUDENT, null));
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PokegenCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] args(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("generate", "--model", student.toString(), "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void writesImagesSidecarsAndAContactSheetUsingTheModelsRecommendations() throws Exception {
        Path out = tmp.resolve("out");
        Run r = run(args(out, "--prompt", "a red fire pokemon", "--prompt", "a blue water pokemon",
                "--n", "2", "--seed", "5"));

        assertEquals(0, r.exit(), r.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("0000-seed-5.json", "0000-seed-5.png", "0001-seed-6.json", "0001-seed-6.png",
                    "0002-seed-7.json", "0002-seed-7.png", "0003-seed-8.json", "0003-seed-8.png",
                    "contact-sheet.png"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode side = new ObjectMapper().readTree(out.resolve("0002-seed-7.json").toFile());
        assertEquals("a blue water pokemon", side.get("prompt").asText());
        assertEquals(7, side.get("seed").asLong());
        assertEquals("euler-ancestral", side.get("scheduler").asText());
        assertEquals("trailing", side.get("timestep_spacing").asText());
        assertEquals(1, side.get("steps").asInt());
        assertEquals(0.0, side.get("guidance").asDouble());
        assertEquals(16, side.get("width").asInt());
        assertEquals("tiny-student", side.get("model").get("id").asText());
        assertTrue(side.get("engine").has("djl"));
        assertTrue(side.get("reproduce").asText().contains("--seed 7"));
        assertTrue(r.err().contains("[" + "#".repeat(30) + "] 1/1 steps"), r.err());

        // the file holds exactly what the engine makes for that seed and prompt
        BufferedImage png = ImageIO.read(out.resolve("0002-seed-7.png").toFile());
        try (DiffusionPipeline p = DiffusionPipeline.load(student)) {
            BufferedImage expected = TextToImage.of(p).generate(GenerationRequest.builder()
                    .setPrompts(List.of("a blue water pokemon")).setSeeds(7).build()).bufferedImages().get(0);
            assertArrayEquals(pixels(expected), pixels(png));
        }
        BufferedImage sheet = ImageIO.read(out.resolve("contact-sheet.png").toFile());
        assertTrue(sheet.getWidth() >= 2 * 128 && sheet.getHeight() >= 2 * 128);
    }

    @Test
    void neverOverwritesWithoutTheFlag() throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, run(args(out, "--prompt", "a", "--seed", "1")).exit());
        byte[] before = Files.readAllBytes(out.resolve("0000-seed-1.png"));
        Files.writeString(out.resolve("0000-seed-1.json"), "mine");

        Run again = run(args(out, "--prompt", "b", "--seed", "1"));
        assertEquals(GenerateCommand.INVALID_INPUT, again.exit());
        assertTrue(again.err().contains("already exists"), again.err());
        assertEquals("mine", Files.readString(out.resolve("0000-seed-1.json")));
        assertArrayEquals(before, Files.readAllBytes(out.resolve("0000-seed-1.png")));

        assertEquals(0, run(args(out, "--prompt", "b", "--seed", "1", "--overwrite")).exit());
        assertEquals("b", new ObjectMapper().readTree(out.resolve("0000-seed-1.json").toFile()).get("prompt").asText());
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndNothingIsWritten() throws Exception {
        Path out = tmp.resolve("out");
        Path incomplete = tmp.resolve("incomplete");
        try (DiffusionPipeline p = DiffusionPipeline.load(student)) {
            p.save(incomplete, false);
        }
        Files.delete(incomplete.resolve("vae/diffusion_pytorch_model.safetensors"));
        Path aFile = Files.writeString(tmp.resolve("a-file"), "x");

        expectRefused(new String[] {"generate", "--model", tmp.resolve("missing").toString(), "--prompt", "a",
                "--out", out.toString()}, "does not exist");
        expectRefused(new String[] {"generate", "--model", incomplete.toString(), "--prompt", "a",
                "--out", out.toString()}, "vae/diffusion_pytorch_model.safetensors is missing");
        expectRefused(args(out, "--prompt", "a", "--steps", "0"), "steps must be between 1 and 1000");
        expectRefused(args(out, "--prompt", "a", "--steps", "1001"), "steps must be between 1 and 1000");
        expectRefused(args(out, "--prompt", "a", "--size", "15"), "multiple of the VAE's downsampling factor 2");
        expectRefused(args(out, "--prompt", "a", "--size", "big"), "--size must be N or WxH");
        expectRefused(args(out, "--prompts", tmp.resolve("no-such-file.txt").toString()), "cannot read the prompts file");
        expectRefused(args(out, "--prompts", tmp.toString()), "cannot read the prompts file");
        expectRefused(args(out), "give at least one --prompt");
        expectRefused(args(out, "--prompt", "a", "--scheduler", "plms"), "unknown scheduler 'plms'");
        expectRefused(new String[] {"generate", "--model", student.toString(), "--prompt", "a",
                "--out", aFile.resolve("sub").toString()}, "cannot be created");
        expectRefused(new String[] {"generate", "--model", student.toString(), "--prompt", "a",
                "--out", aFile.toString()}, "is a file, not a folder");
        assertFalse(Files.exists(out), "a refused run must not create the output folder");
        assertEquals("x", Files.readString(aFile));
    }

    private void expectRefused(String[] args, String message) {
        Run r = run(args);
        assertEquals(GenerateCommand.INVALID_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
    }

    @Test
    void promptsFileSkipsCommentsAndLongPromptsAreTruncatedWithAWarning() throws Exception {
        Path out = tmp.resolve("out");
        String longPrompt = "pokemon ".repeat(100).strip();
        Path file = Files.writeString(tmp.resolve("prompts.txt"),
                "# my prompts\n\na small green grass pokemon\n" + longPrompt + "\n");
        Run r = run(args(out, "--prompts", file.toString(), "--seed", "0"));

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning: prompt 2"), r.err());
        assertTrue(r.err().contains("tokens were dropped"), r.err());
        assertEquals("a small green grass pokemon",
                new ObjectMapper().readTree(out.resolve("0000-seed-0.json").toFile()).get("prompt").asText());
        assertTrue(Files.exists(out.resolve("0001-seed-1.png")));
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
