package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.batch.BatchItem;
import com.pokegen.engine.batch.Manifest;
import com.pokegen.engine.batch.ManifestRow;
import com.pokegen.engine.batch.ModelHash;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pokegen batch} on the shipped student: a tiny run, and one clear line per bad input. */
class BatchCommandTest {

    private static final Path STUDENT = Path.of("../models/pokemon-tiny-student");

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private static Run batch(Path prompts, Path out, String... extra) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cli = PokegenCli.commandLine();
        cli.setOut(new PrintWriter(o, true));
        cli.setErr(new PrintWriter(e, true));
        List<String> args = new java.util.ArrayList<>(List.of("batch", "--model", STUDENT.toString(), "--prompts",
                prompts.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        return new Run(cli.execute(args.toArray(String[]::new)), o.toString(), e.toString());
    }

    private static void assertOneErrorLine(Run r, String expected) {
        assertEquals(2, r.exit());
        assertEquals("error: " + expected + System.lineSeparator(), r.err());
    }

    @Test
    void templateBatchWritesManifestAndGalleryWithProgress() throws Exception {
        Path prompts = Files.writeString(tmp.resolve("brief.txt"), "{colour} = red | blue\na {colour} pokemon\n");
        Path out = tmp.resolve("out");
        Run r = batch(prompts, out, "--seeds", "1", "--steps", "1", "--first-seed", "7");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("2 images (2 rendered, 0 already there) in " + out), r.out());
        assertTrue(r.err().contains("2/2 images") && r.err().contains("ETA 0:00"), r.err());
        List<ManifestRow> rows = List.copyOf(Manifest.read(out.resolve(Manifest.FILE)).values());
        assertEquals(List.of("a blue pokemon", "a red pokemon"), rows.stream().map(ManifestRow::prompt).sorted().toList());
        assertEquals(List.of(7L, 7L), rows.stream().map(ManifestRow::seed).toList());
        assertTrue(Files.isRegularFile(out.resolve("gallery/index.html")));

        Run again = batch(prompts, out, "--seeds", "1", "--steps", "1", "--first-seed", "7");
        assertTrue(again.out().startsWith("2 images (0 rendered, 2 already there)"), again.out());
    }

    @Test
    void emptyPromptsFile() throws Exception {
        Path prompts = Files.writeString(tmp.resolve("empty.txt"), "\n# nothing yet\n");
        assertOneErrorLine(batch(prompts, tmp.resolve("out")), "the prompts file " + prompts + " has no prompts (one per"
                + " line, or a template such as 'a {colour} pokemon' with a line '{colour} = red | blue')");
    }

    @Test
    void templateWithAnUnknownPlaceholder() throws Exception {
        Path prompts = Files.writeString(tmp.resolve("t.txt"), "{colour} = red | blue\na {colour} {kind} pokemon\n");
        assertOneErrorLine(batch(prompts, tmp.resolve("out")), prompts + " line 2: unknown placeholder {kind};"
                + " define it with a line '{kind} = a | b' (defined: colour)");
    }

    @Test
    void outputFolderHoldingAnotherModelsBatch() throws Exception {
        Path prompts = Files.writeString(tmp.resolve("p.txt"), "a red pokemon\n");
        Path out = Files.createDirectories(tmp.resolve("teacher-batch"));
        BatchItem item = new BatchItem("a red pokemon", 0, 50);
        String teacher = ModelHash.of(Path.of("../models/pokemon-tiny-teacher"));
        Files.writeString(out.resolve(Manifest.FILE), new ManifestRow(item.prompt(), 0, 50, teacher, item.file(), "00",
                "0000000000000000", "", List.of()).toJson() + "\n");
        assertOneErrorLine(batch(prompts, out), out + " already holds a batch of another model (" + teacher
                + ", this one is " + ModelHash.of(STUDENT) + "); choose another --out folder, or the model that made it");
    }
}
