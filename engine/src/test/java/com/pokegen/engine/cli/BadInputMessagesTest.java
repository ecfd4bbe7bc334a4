package com.pokegen.engine.cli;

import static com.pokegen.engine.cli.PokegenCliAccess.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability issue, "limits and messages": each mistake ends with one line that names the file
 * or field, instead of a silent fallback, a stack trace or a path-less system message.
 */
class BadInputMessagesTest {

    @TempDir
    static Path shared;

    private static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void dataset() throws Exception {
        data = TinyRuns.dataset(shared);
    }

    @Test
    void aFractionalStepCountIsAnErrorNotOneStep() {
        Path run = dir.resolve("run");
        String err = fails(TinyRuns.trainVae(data, run, "--set", "steps=1.5"));
        assertEquals("error: vae config: 'steps' must be a whole number, got 1.5", err);
        assertFalse(Files.exists(run));
        assertTrue(fails(TinyRuns.trainVae(data, run, "--set", "steps=1e12")).contains("'steps'"));
    }

    @Test
    void importToAnExistingFileIsRefusedNamingIt() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "mine");
        String err = fails("data", "import", shared.resolve("src").toString(), "--to", file.toString());
        assertEquals("error: " + file + " is a file, not a dataset folder; import into a new folder", err);
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void aFileNameWithANulByteSkipsOnlyThatLine() throws Exception {
        Path src = TinyRuns.copy(shared.resolve("src"), dir.resolve("src"));
        Files.writeString(src.resolve("metadata.jsonl"), "{\"file_name\": \"images/0\\u0000.png\", \"text\": \"nul\"}\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(0, PokegenCliAccess.run("data", "import", src.toString(), "--to", dir.resolve("ds").toString()));
        Dataset ds = Dataset.open(dir.resolve("ds"));
        assertEquals(2, ds.importedItems().size());
        assertTrue(ds.importFindings().stream().anyMatch(f -> f.detail().contains("NUL byte")
                && f.detail().contains("metadata.jsonl line 3")), ds.importFindings().toString());
    }

    @Test
    void anImportWhereEveryLineIsBadFailsNamingTheFindingsFile() throws Exception {
        Path src = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(src.resolve("metadata.jsonl"), "{\"file_name\": \"gone.png\", \"text\": \"a\"}\nnot json\n");
        Path to = dir.resolve("ds");
        String err = fails("data", "import", src.toString(), "--to", to.toString());
        Path findings = to.resolve("import/import-findings.json");
        assertTrue(err.contains("no item imported") && err.contains(findings.toString()), err);
        assertTrue(Files.readString(findings).contains("gone.png"));
    }

    @Test
    void aDatasetImageDamagedAfterImportIsNamed() throws Exception {
        Path copy = TinyRuns.copy(data, dir.resolve("data"));
        Path png = Dataset.open(copy).imageFile(Dataset.open(copy).importedItems().get(0).id());
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated by a bad sync
        String err = fails(TinyRuns.trainVae(copy, dir.resolve("run")));
        assertTrue(err.startsWith("error: " + png + ": dataset image is damaged") && err.contains("re-import"), err);
        Files.delete(png);
        err = fails(TinyRuns.trainVae(copy, dir.resolve("run")));
        assertTrue(err.startsWith("error: " + png + ": dataset image is missing"), err);
    }

    @Test
    void aPresetThatIsAFolderOrMissingIsNamed() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("presets"));
        String err = fails(TinyRuns.trainVae(data, dir.resolve("run"), "--preset", folder.toString()));
        assertEquals("error: --preset " + folder + " is a folder; give a JSON preset file", err);
        Path missing = dir.resolve("nope.json");
        err = fails(TinyRuns.trainVae(data, dir.resolve("run"), "--preset", missing.toString()));
        assertEquals("error: --preset " + missing + " does not exist; give a JSON preset file", err);
        Path list = dir.resolve("list.json");
        Files.writeString(list, "[1, 2]");
        err = fails(TinyRuns.trainVae(data, dir.resolve("run"), "--preset", list.toString()));
        assertTrue(err.contains(list.toString()) && err.contains("JSON object"), err);
        assertFalse(Files.exists(dir.resolve("run")));
    }
}
