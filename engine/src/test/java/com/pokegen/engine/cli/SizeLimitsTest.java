package com.pokegen.engine.cli;

import static com.pokegen.engine.cli.PokegenCliAccess.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.pipeline.TinyPipelines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Reliability issue, "sizes are checked before allocating": absurd sizes end with one line that
 * gives the estimated memory and the budget, not an OutOfMemoryError, an overflow or a libtorch trace.
 */
class SizeLimitsTest {

    @TempDir
    static Path shared;

    private static Path model;
    private static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void fixtures() throws Exception {
        model = TinyPipelines.writeRandomClip(shared.resolve("model"), 3);
        data = TinyRuns.dataset(shared);
    }

    private static void assertBudgetLine(String err) {
        assertTrue(err.contains("needs about") && err.contains("(estimated)") && err.contains("free RAM")
                && err.contains("-Xmx") && !err.contains("-0") && !err.contains("OutOfMemory"), err);
    }

    private String generate(String... extra) {
        StringWriter err = new StringWriter();
        CommandLine cli = PokegenCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("generate", "--model", model.toString(),
                "--prompt", "a red pokemon", "--out", dir.resolve("out").toString()));
        all.addAll(List.of(extra));
        assertEquals(GenerateCommand.INVALID_INPUT, cli.execute(all.toArray(String[]::new)));
        String out = err.toString().strip();
        assertEquals(1, out.lines().count(), out);
        assertFalse(Files.exists(dir.resolve("out")));
        return out;
    }

    @Test
    void aHundredMillionImagesAreRefusedBeforeAllocating() {
        String err = generate("--n", "100000000");
        assertTrue(err.startsWith("error: generating 100000000 images of 8x8"), err); // before the model is read
        assertBudgetLine(err);
    }

    @Test
    void aHugeImageIsRefused() {
        String err = generate("--size", "100000x100000");
        assertTrue(err.contains("images of 100000x100000"), err);
        assertBudgetLine(err);
    }

    @Test
    void absurdTrainingSizesAreOneLine() {
        assertBudgetLine(fails(TinyRuns.trainVae(data, dir.resolve("run"), "--set", "layers_per_block=1000000000")));
        assertBudgetLine(fails(TinyRuns.trainVae(data, dir.resolve("run"), "--set", "block_out_channels=[1073741824]")));
        assertBudgetLine(fails(TinyRuns.trainVae(data, dir.resolve("run"), "--set", "resolution=100000000")));
        assertFalse(Files.exists(dir.resolve("run")));
        assertBudgetLine(fails("train-teacher", "--data", data.toString(), "--run", dir.resolve("run").toString(),
                "--set", "resolution=100000000"));
    }

    @Test
    void anAbsurdUnetSampleSizeIsRefusedOnParsing() throws Exception {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(model.resolve("unet/config.json").toFile());
        config.put("sample_size", 100_000_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UNet2DConditionConfig.fromJson(config, "unet/config.json"));
        assertTrue(e.getMessage().contains("sample_size 100000000"), e.getMessage());
        assertBudgetLine(e.getMessage());
        config.put("sample_size", 8).putArray("layers_per_block").add(1_000_000_000).add(1_000_000_000);
        assertBudgetLine(assertThrows(IllegalArgumentException.class,
                () -> UNet2DConditionConfig.fromJson(config, "unet/config.json")).getMessage());
    }
}
