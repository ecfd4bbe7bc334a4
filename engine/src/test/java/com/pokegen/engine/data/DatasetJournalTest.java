package com.pokegen.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Done-when 4: edit, undo, redo, crash recovery; plus versions, diff and export. */
class DatasetJournalTest {

    @TempDir
    Path tmp;

    private Dataset ds;

    @BeforeEach
    void importFixture() throws IOException {
        Path source = new SourceFixtures().imageFolder(tmp.resolve("src"));
        ds = DatasetImporter.importFrom(source, tmp.resolve("ds"), ImportOptions.defaults(), ProgressListener.NONE,
                Cancellation.NEVER);
    }

    @Test
    void editUndoRedoAndReopen() throws IOException {
        String v0 = ds.version();
        ds.editCaption("a", "a new caption");
        String v1 = ds.version();
        ds.exclude(List.of("b", "c"), "blurry");
        String v2 = ds.version();
        assertEquals("a new caption", ds.state().item("a").caption());
        assertEquals(3, ds.state().included().size());

        ds.undo();
        assertEquals(v1, ds.version(), "undo returns to the previous version");
        assertTrue(ds.state().item("b").included());
        ds.undo();
        assertEquals(v0, ds.version(), "content-addressed: back to the import's hash");
        assertFalse(ds.canUndo());
        assertThrows(IllegalStateException.class, ds::undo);
        ds.redo();
        ds.redo();
        assertEquals(v2, ds.version());
        assertFalse(ds.canRedo());

        ds.undo();
        ds.include(List.of("a"));
        assertFalse(ds.canRedo(), "a new edit clears the redo stack");

        Dataset reopened = Dataset.open(ds.dir());
        assertEquals(ds.version(), reopened.version());
        assertEquals(ds.journal(), reopened.journal());
        assertEquals(v2, reopened.stateAt(2).version(), "every journal position can be rebuilt");
        assertEquals(v1, reopened.stateAt(3).version());
        assertEquals(v2, reopened.stateAt(6).version(), "after two undos and two redos");
        assertEquals(v0, reopened.stateAt(0).version());
    }

    @Test
    void reopenAfterCrashMidWriteGivesTheLastCommittedState() throws IOException {
        ds.editCaption("a", "first");
        ds.exclude(List.of("d"), "not wanted");
        String committed = ds.version();
        byte[] journalBytes = Files.readAllBytes(ds.dir().resolve("journal.jsonl"));
        // A crash between writing the temp file and renaming it leaves a half-written temp.
        Path temp = ds.dir().resolve("journal.jsonl" + AtomicFiles.TEMP_MARK + "crash001");
        Files.write(temp, journalBytes);
        Files.write(temp, "{\"seq\":3,\"op\":\"edit\",\"label\":\"caption\",\"changes\":[{\"item\":\"b\",\"ki"
                .getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        Dataset reopened = Dataset.open(ds.dir());
        assertEquals(committed, reopened.version());
        assertEquals("first", reopened.state().item("a").caption());
        assertFalse(reopened.state().item("d").included());
        assertFalse(Files.exists(temp), "stale temp removed");
        assertTrue(reopened.recoveryNotes().get(0).contains("crash001"), reopened.recoveryNotes().toString());
        assertEquals(journalBytes.length, Files.size(ds.dir().resolve("journal.jsonl")), "journal untouched");

        reopened.editCaption("b", "after the crash");
        assertEquals(3, Dataset.open(ds.dir()).head(), "editing goes on from the committed journal");
    }

    @Test
    void tornLastLineIsDroppedAndReported() throws IOException {
        ds.editCaption("a", "kept");
        String committed = ds.version();
        Files.write(ds.dir().resolve("journal.jsonl"), "{\"seq\":2,\"op\":\"ed".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        Dataset reopened = Dataset.open(ds.dir());
        assertEquals(committed, reopened.version());
        assertEquals(1, reopened.head());
        assertEquals(1, reopened.recoveryNotes().size());
    }

    @Test
    void diffListsChangedItemsOnly() throws IOException {
        ds.editCaption("a", "changed");
        ds.exclude(List.of("c"), "duplicate");
        DatasetDiff diff = ds.diff(0, 2);
        assertEquals(List.of("a", "c"), diff.changes().stream().map(DatasetDiff.ItemChange::id).toList());
        assertTrue(diff.changes().get(0).captionChanged());
        assertFalse(diff.changes().get(0).inclusionChanged());
        assertTrue(diff.changes().get(1).inclusionChanged());
        assertTrue(ds.diff(2, 2).isEmpty());
    }

    @Test
    void exportReimportsToTheSameItems() throws IOException {
        ds.editCaption("a", "exported caption");
        ds.exclude(List.of("b"), "unwanted");
        Path out = tmp.resolve("export");
        ds.export(out);
        assertEquals(5, Files.list(out).count(), "4 pictures + metadata.jsonl");
        Dataset again = DatasetImporter.importFrom(out, tmp.resolve("ds2"), ImportOptions.defaults(),
                ProgressListener.NONE, Cancellation.NEVER);
        assertEquals(List.of("a", "c", "d", "e"), again.importedItems().stream().map(Item::id).toList());
        assertEquals("exported caption", again.state().item("a").caption());
        for (Item it : again.importedItems()) {
            assertEquals(ds.state().item(it.id()).item().imageHash(), it.imageHash(), "pixels of " + it.id());
        }
        assertThrows(IOException.class, () -> ds.export(0, out), "never overwrites a non-empty folder");
        Path old = tmp.resolve("export-v0");
        ds.export(0, old);
        assertEquals(6, Files.list(old).count(), "version 0 has all 5 pictures");
    }

    @Test
    void cancelledImportLeavesNoDataset() throws IOException {
        Path source = new SourceFixtures().imageFolder(tmp.resolve("src2"));
        Path target = tmp.resolve("cancelled");
        assertThrows(CancellationException.class, () -> DatasetImporter.importFrom(source, target,
                ImportOptions.defaults(), ProgressListener.NONE, () -> true));
        assertThrows(IOException.class, () -> Dataset.open(target));
        try (var files = Files.list(target)) {
            assertEquals(0, files.count(), "staging folder removed");
        }
        assertNotEquals(null, ds.version());
    }

    @Test
    void refusesADatasetFolderInsideTheSource() {
        Path source = ds.dir().getParent().resolve("src");
        assertThrows(IllegalArgumentException.class, () -> DatasetImporter.importFrom(source, source.resolve("ds"),
                ImportOptions.defaults(), ProgressListener.NONE, Cancellation.NEVER));
    }
}
