package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.TinyPipelines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pokegen export} wiring: success line, refusal without --overwrite, replacement with it. */
class ExportCommandTest {

    @TempDir
    Path tmp;

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

    @Test
    void exportsRefusesToOverwriteThenReplaces() throws Exception {
        Path model = TinyPipelines.writeRandomClip(tmp.resolve("model"), 4,
                new PokegenMetadata("clip-tiny", "teacher", null, null, null));
        Path out = tmp.resolve("out");

        Run first = run("export", "--model", model.toString(), "--out", out.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("exported " + out), first.out());
        assertTrue(Files.isRegularFile(out.resolve("text_encoder/model.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve("README.md")));

        Run again = run("export", "--model", model.toString(), "--out", out.toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().startsWith("error: ") && again.err().contains("--overwrite"), again.err());

        Run forced = run("export", "--model", model.toString(), "--out", out.toString(), "--overwrite");
        assertEquals(0, forced.exit(), forced.err());

        Run missing = run("export", "--model", tmp.resolve("nope").toString(), "--out", tmp.resolve("x").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("nope"), missing.err());
    }
}
