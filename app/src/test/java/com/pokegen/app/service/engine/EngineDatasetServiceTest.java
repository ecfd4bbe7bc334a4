package com.pokegen.app.service.engine;

import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.service.DatasetSummary;
import com.pokegen.app.service.EditResult;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.service.ReplaceQuery;
import com.pokegen.engine.data.Dataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Imports, cleaning flags, journaled edits and undo through the engine's dataset API. */
class EngineDatasetServiceTest {

    @TempDir
    Path temp;
    private Path source;
    private Path datasets;
    private EngineDatasetService service;

    /**
     * Four pictures: "bulbasaur" (captioned), "copy" (same pixels: exact duplicate), "tiny" (32 px:
     * too small) and "mew" (no caption file: missing caption).
     */
    @BeforeEach
    void writeSource() throws IOException {
        source = Files.createDirectories(temp.resolve("my-pokemon"));
        datasets = temp.resolve("datasets");
        picture("bulbasaur", 96, Color.GREEN, "a green Grass pokemon");
        picture("copy", 96, Color.GREEN, "the same green pokemon");
        picture("tiny", 32, Color.BLUE, "a small blue pokemon");
        picture("mew", 96, Color.PINK, null);
        service = new EngineDatasetService(datasets);
    }

    private void picture(String name, int side, Color colour, String caption) throws IOException {
        // a disc on white, drawn pixel by pixel (no Graphics2D: these tests need no display)
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        double centre = side / 2.0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean inside = Math.hypot(x + 0.5 - centre, y + 0.5 - centre) < side / 4.0;
                image.setRGB(x, y, inside ? colour.getRGB() : Color.WHITE.getRGB());
            }
        }
        ImageIO.write(image, "png", source.resolve(name + ".png").toFile());
        if (caption != null) {
            Files.writeString(source.resolve(name + ".txt"), caption);
        }
    }

    private static Map<String, DatasetItem> byId(List<DatasetItem> items) {
        return items.stream().collect(Collectors.toMap(DatasetItem::id, Function.identity()));
    }

    @Test
    void importingAFolderShowsItsItemsWithCleaningFlagsAndExclusions() throws IOException {
        DatasetSummary summary = service.open(source, ProgressMonitor.NONE);

        assertEquals(datasets.resolve("my-pokemon"), summary.folder(), "plain folders are imported under the datasets root");
        assertTrue(Files.isRegularFile(summary.folder().resolve("dataset.json")));
        assertTrue(Files.isRegularFile(summary.folder().resolve("clean-report.json")), "the import's cleaning report is kept");
        Map<String, DatasetItem> items = byId(summary.items());
        assertEquals(Set.of("bulbasaur", "copy", "tiny", "mew"), items.keySet());
        assertEquals(Set.of(), items.get("bulbasaur").flags());
        assertEquals(Set.of("exact-duplicate"), items.get("copy").flags());
        assertEquals(Set.of("too-small"), items.get("tiny").flags());
        assertEquals(Set.of("missing-caption"), items.get("mew").flags());
        assertFalse(items.get("bulbasaur").excluded());
        assertTrue(items.get("copy").excluded() && items.get("tiny").excluded() && items.get("mew").excluded(),
                "cleaning excludes what it flags");
        assertEquals("a green grass pokemon", items.get("bulbasaur").caption(), "cleaning normalises captions");
        assertTrue(Files.isRegularFile(items.get("bulbasaur").imagePath()), "items show the imported picture");
        assertTrue(summary.canUndo(), "the cleaning edit can be undone");
    }

    @Test
    void captionEditsAndUndoGoIntoTheDatasetJournal() throws IOException {
        Path folder = service.open(source, ProgressMonitor.NONE).folder();

        EditResult edit = service.setCaption("mew", "  a pink psychic pokemon ");
        assertEquals(1, edit.changed().size());
        DatasetItem mew = edit.changed().get(0);
        assertEquals("a pink psychic pokemon", mew.caption());
        assertEquals(Set.of(), mew.flags(), "a caption clears the missing-caption flag");
        assertEquals("a pink psychic pokemon", Dataset.open(folder).state().item("mew").caption(),
                "the edit is in the journal when the call returns");

        EditResult undo = service.undo();
        assertEquals("", undo.changed().get(0).caption());
        assertEquals(Set.of("missing-caption"), undo.changed().get(0).flags());
        assertTrue(undo.canRedo());
        Dataset reopened = Dataset.open(folder);
        assertEquals("", reopened.state().item("mew").caption(), "undo is journaled too");
        assertTrue(reopened.canRedo());

        service.redo();
        assertEquals("a pink psychic pokemon", Dataset.open(folder).state().item("mew").caption());
    }

    @Test
    void exclusionsAndBulkReplaceAreSingleUndoSteps() throws IOException {
        Path folder = service.open(source, ProgressMonitor.NONE).folder();

        EditResult include = service.setExcluded(List.of("copy", "tiny", "bulbasaur"), false);
        assertEquals(Set.of("copy", "tiny"), byId(include.changed()).keySet(), "only items whose state changes");
        assertTrue(Dataset.open(folder).state().item("tiny").included());

        EditResult replace = service.applyReplace(new ReplaceQuery("pokemon", "pokémon", false, false));
        assertEquals(3, replace.changed().size());
        assertEquals("a small blue pokémon", Dataset.open(folder).state().item("tiny").caption());

        service.undo();
        Dataset afterUndo = Dataset.open(folder);
        assertEquals("a small blue pokemon", afterUndo.state().item("tiny").caption(), "one undo reverts every replacement");
        assertEquals("a green grass pokemon", afterUndo.state().item("bulbasaur").caption());
        assertTrue(afterUndo.state().item("tiny").included(), "the earlier edit stays");
    }

    @Test
    void reopeningTheSourceReusesItsImportWithTheEdits() throws IOException {
        Path folder = service.open(source, ProgressMonitor.NONE).folder();
        service.setCaption("mew", "a pink pokemon");

        EngineDatasetService later = new EngineDatasetService(datasets);
        DatasetSummary again = later.open(source, ProgressMonitor.NONE);
        assertEquals(folder, again.folder());
        assertEquals("a pink pokemon", byId(again.items()).get("mew").caption());
        assertTrue(again.canUndo(), "undo history survives a restart");
        assertEquals(folder, later.open(folder, ProgressMonitor.NONE).folder(), "a dataset folder opens as itself");
    }

    @Test
    void aCancelledImportLeavesNoDataset() {
        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> service.open(source, cancelled));
        assertFalse(Files.exists(datasets.resolve("my-pokemon").resolve("dataset.json")));
        assertEquals(List.of(), service.items());
    }
}
