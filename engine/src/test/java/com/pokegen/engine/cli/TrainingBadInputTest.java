package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.data.DatasetImporter;
import com.pokegen.engine.data.ImportOptions;
import com.pokegen.engine.train.TinyLatentSets;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training issue, "bad input": each mistake ends the command with one line on stderr that names
 * the file or field and the fix, and leaves no run folder behind.
 */
class TrainingBadInputTest {

    @TempDir
    Path dir;

    /** Runs the CLI; returns its stderr (the exit code must be non-zero). */
    private static String fails(String... args) {
        String out = PokegenCliAccess.fails(args);
        System.out.println(args[0] + " -> " + out);
        return out;
    }

    /** Imports two shapes whose captions sit under {@code captionKey}. */
    private Path dataset(String captionKey) throws Exception {
        Path src = dir.resolve("src-" + captionKey);
        Files.createDirectories(src.resolve("images"));
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            ImageIO.write(TinyLatentSets.onWhite(32, i == 0 ? Color.RED : Color.BLUE, g -> g.fillOval(4, 4, 20, 20)),
                    "png", src.resolve("images/" + i + ".png").toFile());
            meta.append(String.format("{\"file_name\": \"images/%d.png\", \"%s\": \"shape %d\"}%n", i, captionKey, i));
        }
        Files.writeString(src.resolve("metadata.jsonl"), meta);
        Path data = dir.resolve("data-" + captionKey);
        DatasetImporter.importFrom(src, data, ImportOptions.defaults(), (d, t, m) -> { }, () -> false);
        return data;
    }

    private String teacher(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("train-teacher", "--data", data.toString(), "--run",
                dir.resolve("run").toString(), "--vae", dir.resolve("novae").toString()));
        args.addAll(List.of(extra));
        String err = fails(args.toArray(String[]::new));
        assertFalse(Files.exists(dir.resolve("run")), "no run folder after: " + err);
        return err;
    }

    @Test
    void emptyDataset() throws Exception {
        Path data = dataset("text");
        Dataset ds = Dataset.open(data);
        ds.exclude(ds.importedItems().stream().map(it -> it.id()).collect(Collectors.toList()), "test");
        String err = fails("train-vae", "--data", data.toString(), "--run", dir.resolve("run").toString());
        assertFalse(Files.exists(dir.resolve("run")));
        assertTrue(err.contains(data.toString()) && err.contains("no included items") && err.contains("include"), err);
    }

    @Test
    void captionColumnMissing() throws Exception {
        Path data = dataset("caption"); // imported with the default caption column "text"
        String err = teacher(data);
        assertTrue(err.contains(data.toString()) && err.contains("caption") && err.contains("--caption-column"), err);
    }

    @Test
    void initFolderThatIsNotAStableDiffusionFolder() throws Exception {
        Path data = dataset("text");
        Path notSd = Files.createDirectories(dir.resolve("not-sd"));
        Files.writeString(notSd.resolve("readme.txt"), "just a folder");
        String err = teacher(data, "--init", notSd.toString());
        assertTrue(err.contains(notSd.toString()) && err.contains("model_index.json"), err);
    }

    @Test
    void learningRateMustBePositive() throws Exception {
        Path data = dataset("text");
        String err = teacher(data, "--set", "learning_rate=0");
        assertEquals("error: teacher config: 'learning_rate' must be > 0", err);
        String vae = fails("train-vae", "--data", data.toString(), "--run", dir.resolve("run").toString(),
                "--set", "learning_rate=-1e-4");
        assertFalse(Files.exists(dir.resolve("run")));
        assertEquals("error: vae config: 'learning_rate' must be > 0", vae);
    }
}
