package com.pokegen.app.service;

import com.pokegen.app.service.local.LocalDatasetService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalDatasetServiceTest {

    @TempDir
    Path dir;

    private Path dataset() throws IOException {
        Path images = Files.createDirectories(dir.resolve("set").resolve("images"));
        for (String name : List.of("b.png", "a.png", "c.jpg")) {
            Files.write(images.resolve(name), new byte[] {1});
        }
        Files.writeString(images.resolve("a.txt"), "a red pokemon\n");
        Files.writeString(images.resolve("b.txt"), "a blue pokemon");
        Files.writeString(images.resolve("notes.md"), "not an image");
        Files.writeString(dir.resolve("set").resolve("excluded.txt"), "b.png\n");
        return dir.resolve("set");
    }

    @Test
    void readsImagesSidecarsAndExclusions() throws IOException {
        List<String> progress = new ArrayList<>();
        DatasetSummary summary = new LocalDatasetService().open(dataset(), new ProgressMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                progress.add(done + "/" + total);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        });
        assertEquals(List.of("a.png", "b.png", "c.jpg"), summary.items().stream().map(DatasetItem::id).toList());
        assertEquals("a red pokemon", summary.items().get(0).caption());
        assertTrue(summary.items().get(1).excluded());
        assertEquals(Set.of(LocalDatasetService.NO_CAPTION), summary.items().get(2).flags());
        assertEquals(List.of("1/3", "2/3", "3/3"), progress);
    }

    @Test
    void editsAreWrittenToSidecarsAtOnceAndUndoWritesBack() throws IOException {
        Path set = dataset();
        LocalDatasetService service = new LocalDatasetService();
        service.open(set, ProgressMonitor.NONE);

        EditResult edit = service.setCaption("c.jpg", "  a green grass pokemon ");
        assertEquals("a green grass pokemon", edit.changed().get(0).caption());
        assertTrue(edit.changed().get(0).flags().isEmpty(), "captioned now: no-caption flag cleared");
        assertEquals("a green grass pokemon\n", Files.readString(set.resolve("images/c.txt")));

        service.setExcluded(List.of("a.png", "c.jpg"), true);
        assertEquals("a.png\nb.png\nc.jpg\n", Files.readString(set.resolve("excluded.txt")));

        service.undo();
        assertEquals("b.png\n", Files.readString(set.resolve("excluded.txt")));
        EditResult undone = service.undo();
        assertEquals("", undone.changed().get(0).caption());
        assertEquals("\n", Files.readString(set.resolve("images/c.txt")));
        assertFalse(undone.canUndo());
        assertTrue(undone.canRedo());

        service.redo();
        assertEquals("a green grass pokemon\n", Files.readString(set.resolve("images/c.txt")));
        try (var files = Files.list(set.resolve("images"))) {
            assertTrue(files.noneMatch(file -> file.getFileName().toString().contains(".tmp")), "no temp files left");
        }
    }

    @Test
    void replaceIsOneStepAndNewEditsClearRedo() throws IOException {
        LocalDatasetService service = new LocalDatasetService();
        service.open(dataset(), ProgressMonitor.NONE);
        ReplaceQuery query = new ReplaceQuery("POKEMON", "creature", false, false);
        assertEquals(2, service.previewReplace(query).size());
        EditResult replaced = service.applyReplace(query);
        assertEquals(2, replaced.changed().size());
        service.undo();
        assertEquals("a red pokemon", service.items().get(0).caption());
        service.setCaption("a.png", "a red cat");
        assertFalse(service.redo().canRedo());
        assertEquals("a red cat", service.items().get(0).caption(), "redo after a new edit does nothing");
    }

    @Test
    void cancellationAndMissingFoldersAreReported() throws IOException {
        Path set = dataset();
        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> new LocalDatasetService().open(set, cancelled));
        IOException missing = assertThrows(IOException.class,
                () -> new LocalDatasetService().open(dir.resolve("nope"), ProgressMonitor.NONE));
        assertTrue(missing.getMessage().contains("nope"));
    }

    @Test
    void replaceQueryQuotesPlainTextAndExplainsBadRegex() {
        assertEquals("a $1 (x)", new ReplaceQuery("(x)", "$1 (x)", false, true).apply("a (x)"));
        assertEquals("a (x)", new ReplaceQuery("(X)", "y", false, true).apply("a (x)"), "match case respected");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new ReplaceQuery("[", "", true, false));
        assertTrue(bad.getMessage().startsWith("Invalid regular expression '['"));
    }
}
