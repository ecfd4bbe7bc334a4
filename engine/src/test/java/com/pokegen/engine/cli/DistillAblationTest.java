package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill --ablation} maps to the loss weights (checked on the resolved config of --dry-run). */
class DistillAblationTest {

    private static JsonNode dryRun(Path dir, String... extra) throws Exception {
        String[] base = {"distill", "--data", dir.resolve("d").toString(), "--run", dir.resolve("r").toString(),
                "--teacher", dir.resolve("t").toString(), "--set", "distill_weight=2.5", "--dry-run"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, PokegenCli.commandLine().execute(args));
        } finally {
            System.setOut(old);
        }
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ablationsSetTheLossWeights(@TempDir Path dir) throws Exception {
        JsonNode full = dryRun(dir);
        assertEquals(1.0, full.get("adversarial_weight").asDouble());
        assertEquals(2.5, full.get("distill_weight").asDouble());
        JsonNode distillOnly = dryRun(dir, "--ablation", "distill-only");
        assertEquals(0.0, distillOnly.get("adversarial_weight").asDouble());
        assertEquals(2.5, distillOnly.get("distill_weight").asDouble());
        JsonNode advOnly = dryRun(dir, "--ablation", "adversarial-only");
        assertEquals(1.0, advOnly.get("adversarial_weight").asDouble());
        assertEquals(0.0, advOnly.get("distill_weight").asDouble());
        assertNotEquals(0, PokegenCli.commandLine().execute("distill", "--data", "d", "--run", "r", "--teacher", "t",
                "--ablation", "teacher-only", "--dry-run"));
    }
}
