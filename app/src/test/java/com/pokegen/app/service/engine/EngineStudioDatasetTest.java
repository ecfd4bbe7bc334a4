package com.pokegen.app.service.engine;

import com.pokegen.app.Studio;
import com.pokegen.app.StudioApp;
import com.pokegen.app.StudioServices;
import com.pokegen.app.main.Page;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import com.pokegen.engine.data.Dataset;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole studio ({@link Studio} with {@link StudioServices#engine}) on a fixture folder: the
 * dataset page and the caption editor edit the engine's {@link Dataset} journal on disk, which this
 * test reads back with {@code Dataset.open}, and a fresh studio on the same home shows the edits.
 */
@UiTest
class EngineStudioDatasetTest {

    /** Seven distinct 96 px pictures with captions (nothing for the import's cleaning to flag). */
    static final Map<String, String> FIXTURE = Map.of(
            "bulbasaur", "a green grass pokemon",
            "charmander", "an orange fire pokemon",
            "moltres", "a red fire bird pokemon",
            "squirtle", "a blue water pokemon",
            "pikachu", "a yellow electric pokemon",
            "mew", "a pink psychic pokemon",
            "eevee", "a brown normal pokemon");

    /** Each picture's colour, as its caption says (all distinct: nothing is an exact duplicate). */
    private static final Map<String, Integer> COLOURS = Map.of(
            "bulbasaur", 0x4caf50, "charmander", 0xff8c1a, "moltres", 0xe53935, "squirtle", 0x2196f3,
            "pikachu", 0xfdd835, "mew", 0xf48fb1, "eevee", 0x8d6e63);

    @TempDir
    Path temp;
    private Path home;
    private Path source;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private Stage stage;
    private StudioServices services;
    private FxTaskExecutor work;
    private FxTaskExecutor serial;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        home = temp.resolve("home");
        source = writeFixture(temp.resolve("my-pokemon"));
        stage.setScene(new Scene(newStudio(), 1280, 800));
        stage.getScene().getStylesheets().add(StudioApp.STYLESHEET);
        stage.show();
    }

    /** Writes {@link #FIXTURE}: each picture a disc of its own colour on white, with its caption file. */
    static Path writeFixture(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> entry : FIXTURE.entrySet()) {
            int colour = COLOURS.get(entry.getKey());
            BufferedImage image = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    boolean inside = Math.hypot(x + 0.5 - 48, y + 0.5 - 48) < 30;
                    image.setRGB(x, y, inside ? colour : 0xffffff);
                }
            }
            ImageIO.write(image, "png", dir.resolve(entry.getKey() + ".png").toFile());
            Files.writeString(dir.resolve(entry.getKey() + ".txt"), entry.getValue());
        }
        return dir;
    }

    /** A studio as {@link StudioApp} builds it: engine services under {@code home}, two executors. */
    private javafx.scene.Parent newStudio() {
        services = StudioServices.engine(home, ModelFolders.defaults(home));
        work = FxTaskExecutor.withThreads("test-work", 2);
        serial = FxTaskExecutor.serial("test-dataset");
        return new Studio(services, work, serial, new FxUiScheduler(), dialogs).mainView();
    }

    /** Closes the studio's services and executors, as {@link StudioApp#stop} does when the app quits. */
    private void closeStudio() throws Exception {
        services.close();
        work.close();
        serial.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        closeStudio();
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; errors shown: " + dialogs.errors);
            }
            Thread.sleep(200); // the condition may read the journal: not in a tight loop
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Path imported() {
        return home.resolve("datasets").resolve("my-pokemon");
    }

    private static Dataset journal(Path folder) throws IOException {
        return Dataset.open(folder);
    }

    @SuppressWarnings("unchecked")
    private static GridView<Object> grid(FxRobot robot) {
        return robot.lookup("#datasetGrid").queryAs(GridView.class);
    }

    private void importFolder(FxRobot robot, Path folder) throws Exception {
        dialogs.nextDirectory = folder;
        robot.clickOn("#" + Page.DATASET.navId());
        robot.clickOn("#importButton");
        waitUntil(() -> grid(robot).getItems().size() == FIXTURE.size());
    }

    private static String caption(FxRobot robot) {
        return robot.lookup("#captionArea").queryAs(TextArea.class).getText();
    }

    @Test
    void gridShowsEveryImageFilterNarrowsAndExcludeUndoRoundTripsThroughTheJournal(FxRobot robot) throws Exception {
        importFolder(robot, source);
        for (String id : FIXTURE.keySet()) {
            assertEquals(1, robot.lookup("#thumb-" + id).queryAll().size(), "a thumbnail for " + id);
        }
        assertEquals(FIXTURE.size(), journal(imported()).state().items().size());
        assertTrue(journal(imported()).state().items().stream().allMatch(item -> item.included()));

        robot.clickOn("#filterField").write("fire");
        waitUntil(() -> grid(robot).getItems().size() == 2);
        assertEquals("2 of 7 shown · 0 excluded", robot.lookup("#summaryLabel").queryAs(Label.class).getText());
        robot.doubleClickOn("#filterField").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .type(KeyCode.BACK_SPACE);
        waitUntil(() -> grid(robot).getItems().size() == FIXTURE.size());

        robot.clickOn("#thumb-charmander");
        robot.clickOn("#excludeButton");
        waitUntil(() -> !journal(imported()).state().item("charmander").included());
        waitUntil(() -> "Excluded from training".equals(robot.lookup("#detailStatus").queryAs(Label.class).getText()));
        int entriesAfterExclude = journal(imported()).journal().size();

        robot.clickOn("#thumb-charmander"); // focus the grid, not a text field, so Ctrl+Z is the studio's undo
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> journal(imported()).state().item("charmander").included());
        Dataset afterUndo = journal(imported());
        assertTrue(afterUndo.journal().size() >= entriesAfterExclude, "the journal keeps the exclusion (append-only)");
        assertTrue(afterUndo.canRedo(), "the exclusion stays in the journal for redo");
        waitUntil(() -> "Included in training".equals(robot.lookup("#detailStatus").queryAs(Label.class).getText()));
    }

    @Test
    void captionEditBulkReplaceAndUndoSurviveARestartOfTheStudio(FxRobot robot) throws Exception {
        importFolder(robot, source);
        robot.clickOn("#thumb-bulbasaur");
        robot.clickOn("#" + Page.CAPTIONS.navId());
        waitUntil(() -> "a green grass pokemon".equals(caption(robot)));

        robot.clickOn("#captionArea").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("a shiny grass starter");
        waitUntil(() -> "a shiny grass starter".equals(journal(imported()).state().item("bulbasaur").caption()));

        robot.clickOn("#findField").write("pokemon");
        robot.clickOn("#replaceField").write("monster");
        @SuppressWarnings("unchecked")
        ListView<Object> previews = robot.lookup("#previewList").queryAs(ListView.class);
        waitUntil(() -> previews.getItems().size() == FIXTURE.size() - 1);
        robot.clickOn("#applyReplaceButton");
        waitUntil(() -> "a blue water monster".equals(journal(imported()).state().item("squirtle").caption()));
        assertEquals("a shiny grass starter", journal(imported()).state().item("bulbasaur").caption());

        robot.clickOn("#undoButton");
        waitUntil(() -> "a blue water pokemon".equals(journal(imported()).state().item("squirtle").caption()));
        assertEquals("a shiny grass starter", journal(imported()).state().item("bulbasaur").caption(),
                "one undo reverts the whole replacement and only it");

        // quit the studio and start a fresh one on the same home: everything comes back from disk
        robot.interact(() -> {
            try {
                closeStudio();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            stage.getScene().setRoot(newStudio());
        });
        importFolder(robot, imported());
        robot.clickOn("#thumb-bulbasaur");
        robot.clickOn("#" + Page.CAPTIONS.navId());
        waitUntil(() -> "a shiny grass starter".equals(caption(robot)));
        assertFalse(robot.lookup("#redoButton").queryAs(Button.class).isDisabled(),
                "the undone replacement can still be redone after the restart");
        robot.clickOn("#redoButton");
        waitUntil(() -> "a blue water monster".equals(journal(imported()).state().item("squirtle").caption()));
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
    }

    @Test
    void undoRedoButtonsShortcutHintsAToolbarThatFitsAndTheLastDatasetReopensAtStart(FxRobot robot) throws Exception {
        importFolder(robot, source);
        javafx.scene.Parent toolbar = robot.lookup("#importButton").query().getParent();
        double right = toolbar.getChildrenUnmodifiable().stream()
                .mapToDouble(node -> node.localToScene(node.getBoundsInLocal()).getMaxX()).max().orElseThrow();
        assertTrue(right <= 1280, "the dataset toolbar fits a 1280 px window: ends at " + right);
        assertTrue(robot.lookup("#shortcutHints").queryAs(Label.class).getText().contains("Ctrl+Z undo"));

        Button undo = robot.lookup("#navUndoButton").queryAs(Button.class);
        assertTrue(undo.getTooltip().getText().contains("Ctrl+Z"), undo.getTooltip().getText());
        assertTrue(robot.lookup("#navRedoButton").queryAs(Button.class).getTooltip().getText().contains("Ctrl+Shift+Z"));
        robot.clickOn("#thumb-charmander");
        robot.clickOn("#excludeButton");
        waitUntil(() -> !journal(imported()).state().item("charmander").included());
        waitUntil(() -> !undo.isDisabled());
        robot.clickOn("#navUndoButton");
        waitUntil(() -> journal(imported()).state().item("charmander").included());
        waitUntil(() -> !robot.lookup("#navRedoButton").queryAs(Button.class).isDisabled());
        robot.clickOn("#navRedoButton");
        waitUntil(() -> !journal(imported()).state().item("charmander").included());

        robot.clickOn("#" + Page.EVALUATION.navId());
        waitUntil(() -> robot.lookup("#shortcutHints").queryAs(Label.class).getText().contains("1 left is better"));

        // a fresh studio on the same home opens the same dataset by itself
        robot.interact(() -> {
            try {
                closeStudio();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            stage.getScene().setRoot(newStudio());
        });
        waitUntil(() -> grid(robot).getItems().size() == FIXTURE.size());
        assertTrue(robot.lookup("#thumb-charmander").tryQuery().isPresent());
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
    }
}
