package com.pokegen.app.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.app.StudioApp;
import com.pokegen.app.service.BatchOrder;
import com.pokegen.app.service.BatchService;
import com.pokegen.app.service.BatchSummary;
import com.pokegen.app.service.GalleryEntry;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.service.local.FolderGalleryService;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.FakeGenerationService;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.TilePane;
import javafx.stage.Stage;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole Generate page with a fake engine, a real gallery folder and a fake batch runner, driven by the robot. */
@UiTest
class GeneratePageTest {

    @TempDir
    Path temp;
    private final FakeGenerationService generator = new FakeGenerationService();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final FakeBatches batches = new FakeBatches();
    private final AtomicLong seeds = new AtomicLong(77);
    private FxTaskExecutor executor;
    private PromptViewModel viewModel;
    private Stage stage;

    /** Reports one progress step per image; with a gate, waits for it (checking cancellation) after the first. */
    private static final class FakeBatches implements BatchService {
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile BatchOrder last;

        @Override
        public BatchSummary run(BatchOrder order, ProgressMonitor monitor) throws IOException {
            last = order;
            for (int done = 1; done <= order.seeds(); done++) {
                monitor.progress(done, order.seeds(), "Image " + done + " of " + order.seeds());
                try {
                    while (!gate.await(5, TimeUnit.MILLISECONDS)) {
                        monitor.checkCancelled();
                    }
                } catch (InterruptedException e) {
                    throw new CancellationException("interrupted");
                }
            }
            return new BatchSummary(order.seeds(), order.seeds(), 1, order.out().resolve("gallery/index.html"));
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        executor = FxTaskExecutor.withThreads("test-work", 2);
        FolderGalleryService gallery = new FolderGalleryService(temp.resolve("gallery"));
        viewModel = new PromptViewModel(generator, gallery, executor, new FxUiScheduler(), dialogs, seeds::getAndIncrement);
        GalleryViewModel galleryViewModel = new GalleryViewModel(gallery, executor, dialogs, viewModel::restore,
                viewModel.saveScaleProperty()::get);
        viewModel.setOnKept(galleryViewModel::added);
        BatchRunViewModel batchViewModel = new BatchRunViewModel(batches, executor, dialogs,
                viewModel.promptProperty()::get, viewModel.seedProperty()::get, viewModel.stepsProperty()::get);
        Scene scene = new Scene(new GeneratePage(viewModel, galleryViewModel, batchViewModel), 1100, 760);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.sizeToScene();
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static Image shown(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ImageView.class).getImage();
    }

    private void typeAndRender(FxRobot robot, String prompt) throws Exception {
        int before = generator.completed.get();
        robot.clickOn("#promptField").write(prompt).type(KeyCode.ENTER);
        waitUntil(() -> generator.completed.get() > before && !viewModel.renderingProperty().get());
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static ListView<GalleryEntry> galleryList(FxRobot robot) {
        return robot.lookup("#galleryList").queryAs(ListView.class);
    }

    private static Node galleryCell(FxRobot robot, String prompt) {
        return robot.lookup("#galleryList .list-cell").match((ListCell<GalleryEntry> cell) -> cell.getItem() != null
                && cell.getItem().request().prompt().equals(prompt)).query();
    }

    @Test
    void theSeedStaysWhileTypingUntilTheDesignerAsksForANewOne(FxRobot robot) throws Exception {
        typeAndRender(robot, "pika");
        assertTrue(text(robot, "#renderStatus").endsWith("seed 77"), text(robot, "#renderStatus"));
        typeAndRender(robot, "chu");
        assertTrue(text(robot, "#renderStatus").endsWith("seed 77"), "typing keeps the seed: " + text(robot, "#renderStatus"));
        assertTrue(generator.requests.stream().allMatch(r -> r.seed() == 77), "every render used seed 77");

        robot.clickOn("#rerollButton");
        waitUntil(() -> text(robot, "#renderStatus").endsWith("seed 78"));
        assertEquals("78", robot.lookup("#seedField").queryAs(TextField.class).getText());
        assertEquals(78, FakeGenerationService.redOf(78));
        assertEquals(78, shown(robot, "#previewImage").getPixelReader().getArgb(3, 3) >> 16 & 0xff);
    }

    @Test
    void thePreviewGrowsWithTheWindowInWholeCrispStepsAndZooms(FxRobot robot) throws Exception {
        typeAndRender(robot, "bulbasaur");
        waitUntil(() -> shown(robot, "#previewImage") != null);
        int small = (int) shown(robot, "#previewImage").getWidth();
        assertEquals(0, small % 16, "a whole factor of 16 px, got " + small);

        double width = stage.getWidth();
        double height = stage.getHeight();
        Image large;
        try {
            robot.interact(() -> { // within xvfb-run's 1280×1024 screen
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(1270);
                stage.setHeight(1010);
            });
            waitUntil(() -> shown(robot, "#previewImage").getWidth() > small);
            large = shown(robot, "#previewImage");
        } finally { // the stage outlives this test: later tests expect their own size
            robot.interact(() -> {
                stage.setWidth(width);
                stage.setHeight(height);
            });
        }
        int k = (int) large.getWidth() / 16;
        assertEquals(16 * k, (int) large.getWidth(), "still a whole factor");
        int base = large.getPixelReader().getArgb(15 * k - 1, 15 * k - 1);
        assertEquals(0xffffffff, large.getPixelReader().getArgb(15 * k, 15 * k), "the marker pixel starts sharp");
        assertEquals(0xffffffff, large.getPixelReader().getArgb(16 * k - 1, 16 * k - 1), "and fills its whole block");
        assertEquals(0xff000000 | FakeGenerationService.redOf(77) << 16 | 40 << 8, base, "its neighbour is not blended");

        robot.clickOn("#zoom2x");
        waitUntil(() -> shown(robot, "#previewImage").getWidth() == 32);
        robot.clickOn("#zoom4x");
        waitUntil(() -> shown(robot, "#previewImage").getWidth() == 64);
        robot.clickOn("#zoom1x");
        waitUntil(() -> shown(robot, "#previewImage").getWidth() == 16);
        robot.clickOn("#zoomFit");
        waitUntil(() -> shown(robot, "#previewImage").getWidth() == small);
    }

    @Test
    void everyImageIsKeptFilterableAndAClickRestoresItsSettings(FxRobot robot) throws Exception {
        typeAndRender(robot, "pikachu");
        robot.clickOn("#stepsSpinner .increment-arrow-button"); // 2 steps, rendered after the debounce
        waitUntil(() -> generator.completed.get() == 2 && !viewModel.renderingProperty().get());
        robot.doubleClickOn("#promptField").eraseText(7).write("charmander");
        robot.clickOn("#rerollButton");
        waitUntil(() -> galleryList(robot).getItems().size() >= 3 && !viewModel.renderingProperty().get());
        Path gallery = temp.resolve("gallery");
        waitUntil(() -> files(gallery, ".png").size() == galleryList(robot).getItems().size());
        assertEquals(files(gallery, ".png").size(), files(gallery, ".json").size(), "a sidecar per PNG");
        JsonNode sidecar = new ObjectMapper().readTree(files(gallery, ".json").get(0).toFile());
        assertEquals("pikachu", sidecar.get("prompt").asText());
        assertEquals(77, sidecar.get("seed").asLong());
        assertEquals("student", sidecar.get("model").asText());
        assertTrue(sidecar.has("lora") && sidecar.has("steps") && sidecar.has("guidance"), sidecar.toString());

        robot.clickOn("#galleryFilter").write("charm");
        waitUntil(() -> galleryList(robot).getItems().stream().allMatch(e -> e.request().prompt().equals("charmander")));
        assertFalse(galleryList(robot).getItems().isEmpty());
        robot.doubleClickOn("#galleryFilter").eraseText(5);
        waitUntil(() -> galleryList(robot).getItems().stream().anyMatch(e -> e.request().prompt().equals("pikachu")));

        GalleryEntry twoSteps = galleryList(robot).getItems().stream()
                .filter(e -> e.request().prompt().equals("pikachu") && e.request().steps() == 2).findFirst().orElseThrow();
        Node twoStepsCell = robot.lookup("#galleryList .list-cell")
                .match((ListCell<GalleryEntry> cell) -> cell.getItem() == twoSteps).query();
        robot.clickOn(twoStepsCell);
        waitUntil(() -> "pikachu".equals(robot.lookup("#promptField").queryAs(TextField.class).getText()));
        assertEquals("77", robot.lookup("#seedField").queryAs(TextField.class).getText());
        assertEquals(2, robot.lookup("#stepsSpinner").queryAs(Spinner.class).getValue());
        assertEquals(FakeGenerationService.redOf(77), shown(robot, "#previewImage").getPixelReader().getArgb(3, 3) >> 16 & 0xff);
        int renders = generator.requests.size();
        WaitForAsyncUtils.sleep(PromptViewModel.DEBOUNCE.toMillis() * 2, TimeUnit.MILLISECONDS);
        assertEquals(renders, generator.requests.size(), "restoring shows the kept image without drawing it again");

        robot.clickOn("#galleryFilter").write("charm").clickOn("#galleryList");
        robot.type(KeyCode.HOME).type(KeyCode.ENTER); // the keyboard restores too
        waitUntil(() -> "charmander".equals(robot.lookup("#promptField").queryAs(TextField.class).getText()));
        assertEquals("78", robot.lookup("#seedField").queryAs(TextField.class).getText());
    }

    @Test
    void theGalleryFolderCanBeChangedAndShowsWhatIsThere(FxRobot robot) throws Exception {
        Path elsewhere = temp.resolve("elsewhere");
        new FolderGalleryService(elsewhere).keep(generator.generate(
                new com.pokegen.app.service.GenerationRequest("an old ditto", 9, 1, 0, com.pokegen.app.service.ModelChoice.STUDENT),
                ProgressMonitor.NONE));
        dialogs.nextDirectory = elsewhere;
        robot.clickOn("#galleryFolderButton");
        waitUntil(() -> galleryList(robot).getItems().size() == 1);
        assertEquals("an old ditto", galleryList(robot).getItems().get(0).request().prompt());
        assertTrue(text(robot, "#galleryStatus").endsWith("1 image in " + elsewhere), text(robot, "#galleryStatus"));

        typeAndRender(robot, "squirtle");
        waitUntil(() -> files(elsewhere, ".png").size() == 2);
        assertEquals("squirtle", galleryList(robot).getItems().get(0).request().prompt(), "the new image on top");
        assertFalse(Files.exists(temp.resolve("gallery")), "nothing went to the old folder");
    }

    @Test
    void severalSelectedImagesSaveUpscaledCompareAndDelete(FxRobot robot) throws Exception {
        robot.clickOn("#promptField").write("eevee");
        robot.clickOn("#variationsButton"); // a grid of 4: seeds 77..80, each kept
        waitUntil(() -> galleryList(robot).getItems().size() >= 4);
        List<GalleryEntry> entries = List.copyOf(galleryList(robot).getItems());
        robot.clickOn("#upscaleChoice").clickOn("×4");

        robot.clickOn(galleryCell(robot, "eevee"));
        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN).release(KeyCode.SHIFT);
        waitUntil(() -> galleryList(robot).getSelectionModel().getSelectedItems().size() == 2);
        List<GalleryEntry> picked = List.copyOf(galleryList(robot).getSelectionModel().getSelectedItems());
        dialogs.nextDirectory = temp.resolve("saved");
        robot.clickOn("#gallerySaveButton");
        waitUntil(() -> Files.isDirectory(dialogs.nextDirectory) && files(dialogs.nextDirectory, ".json").size() == 2);
        for (Path png : files(dialogs.nextDirectory, ".png")) {
            BufferedImage saved = ImageIO.read(png.toFile());
            assertEquals(64, saved.getWidth(), "16 px enlarged 4×");
            assertEquals(0xffffffff, saved.getRGB(60, 60), "nearest neighbour: the marker fills its 4×4 block");
            assertEquals(saved.getRGB(0, 0), saved.getRGB(59, 59));
        }
        assertEquals(4, new ObjectMapper().readTree(files(dialogs.nextDirectory, ".json").get(0).toFile()).get("upscale").asInt());

        robot.clickOn("#galleryCompareButton");
        waitUntil(() -> robot.lookup("#compared-1").tryQuery().isPresent());
        assertTrue(robot.lookup("#comparisonStrip").query().isVisible());
        Image second = robot.lookup("#compared-1").queryAs(ImageView.class).getImage();
        assertEquals(FakeGenerationService.redOf(picked.get(1).request().seed()), second.getPixelReader().getArgb(2, 2) >> 16 & 0xff);
        robot.clickOn("#closeComparisonButton");
        waitUntil(() -> !robot.lookup("#comparisonStrip").query().isVisible());

        robot.clickOn("#galleryDeleteButton");
        waitUntil(() -> galleryList(robot).getItems().size() == entries.size() - 2);
        for (GalleryEntry gone : picked) {
            assertFalse(Files.exists(gone.png()), gone.png() + " deleted");
            assertFalse(Files.exists(FolderGalleryService.sidecarOf(gone.png())));
        }
        assertEquals(entries.size() - 2, files(temp.resolve("gallery"), ".png").size());
    }

    @Test
    void theGridDrawsNSeedsOneByOneAndSaveAllWritesThemEnlarged(FxRobot robot) throws Exception {
        assertFalse(robot.lookup("#variationsScroll").query().isVisible(), "no grid yet: the preview has the room");
        robot.clickOn("#promptField").write("mew");
        robot.clickOn("#gridSizeSpinner .increment-arrow-button").clickOn("#gridSizeSpinner .increment-arrow-button");
        int before = generator.requests.size();
        robot.clickOn("#variationsButton");
        assertEquals(6, viewModel.gridSizeProperty().get(), "two clicks on the up arrow: 4 -> 6");
        waitUntil(() -> robot.lookup("#variationsGrid").queryAs(TilePane.class).getChildren().size() == 6);
        for (long seed = 77; seed < 83; seed++) {
            assertTrue(robot.lookup("#variation-" + seed).tryQuery().isPresent(), "tile for seed " + seed);
        }
        assertTrue(generator.requests.size() - before >= 6, "one engine call per image");

        robot.clickOn("#upscaleChoice").clickOn("×2");
        dialogs.nextDirectory = temp.resolve("all");
        robot.clickOn("#saveAllButton");
        waitUntil(() -> Files.isDirectory(dialogs.nextDirectory) && files(dialogs.nextDirectory, ".json").size() == 6);
        List<Path> saved = files(dialogs.nextDirectory, ".png");
        assertEquals(6, saved.size());
        assertEquals(32, ImageIO.read(saved.get(0).toFile()).getWidth(), "enlarged 2× on save");
        assertTrue(saved.stream().anyMatch(p -> p.getFileName().toString().equals("mew-82.png")), saved.toString());
        waitUntil(() -> dialogs.notices.contains("Saved 6 images and their settings to " + dialogs.nextDirectory));
    }

    @Test
    void teacherAndStudentEachShowTheirStepsAndAdoptingKeepsBothHalves(FxRobot robot) throws Exception {
        robot.clickOn("#modelChoice").clickOn("Teacher");
        waitUntil(() -> robot.lookup("#stepsSpinner").queryAs(Spinner.class).getValue().equals(25));
        robot.clickOn("#modelChoice").clickOn("Student");
        waitUntil(() -> robot.lookup("#stepsSpinner").queryAs(Spinner.class).getValue().equals(1));

        robot.clickOn("#sideBySideToggle");
        assertTrue(robot.lookup("#teacherStepsSpinner").query().isVisible());
        assertTrue(robot.lookup("Student steps").tryQuery().isPresent(), "the Steps box says whose steps it holds");
        assertEquals(25, robot.lookup("#teacherStepsSpinner").queryAs(Spinner.class).getValue());
        typeAndRender(robot, "mewtwo");
        waitUntil(() -> shown(robot, "#comparisonImage") != null);
        assertEquals("Student · 1 step · guidance 0.0", text(robot, "#previewCaption"));
        assertEquals("Teacher · 25 steps · guidance 5.0", text(robot, "#comparisonCaption"));

        robot.clickOn("#variationsButton");
        waitUntil(() -> robot.lookup("#variationsGrid").queryAs(TilePane.class).getChildren().size() == 4);
        robot.clickOn("#variation-79");
        waitUntil(() -> viewModel.comparisonProperty().get() != null
                && viewModel.comparisonProperty().get().request().seed() == 79);
        Image teacher = shown(robot, "#comparisonImage");
        assertEquals(79, teacher.getPixelReader().getArgb(3, 3) >> 16 & 0xff, "the teacher half is drawn for seed 79");
        assertEquals(255, teacher.getPixelReader().getArgb(3, 3) & 0xff, "by the teacher");
        assertEquals(79, shown(robot, "#previewImage").getPixelReader().getArgb(3, 3) >> 16 & 0xff);
        assertTrue(text(robot, "#comparisonCaption").startsWith("Teacher · 25 steps"));
    }

    @Test
    void aBatchRunShowsProgressAndCanBeCancelledThenFinishes(FxRobot robot) throws Exception {
        robot.clickOn("#promptField").write("snorlax");
        batches.gate = new CountDownLatch(1);
        dialogs.nextDirectory = temp.resolve("batch");
        robot.clickOn("#batchRunButton");
        waitUntil(() -> robot.lookup("#batchProgress").query().isVisible()
                && robot.lookup("#batchProgress").queryAs(ProgressBar.class).getProgress() > 0);
        assertEquals(List.of("snorlax"), batches.last.prompts());
        assertEquals(77, batches.last.firstSeed(), "the batch starts at the canvas's seed");
        assertEquals(16, batches.last.seeds());
        assertEquals(1, batches.last.steps(), "the student steps the Steps box shows");
        assertTrue(text(robot, "#batchStatus").startsWith("Batch: Image 1 of 16"), text(robot, "#batchStatus"));
        robot.clickOn("#batchCancelButton");
        waitUntil(() -> text(robot, "#batchStatus").startsWith("Batch cancelled"));
        assertFalse(robot.lookup("#batchProgress").query().isVisible());

        batches.gate = new CountDownLatch(0);
        robot.clickOn("#batchRunButton");
        waitUntil(() -> text(robot, "#batchStatus").startsWith("Batch done"));
        assertEquals("Batch done: 16 of 16 images drawn, 1 flagged · gallery "
                + temp.resolve("batch").resolve("gallery/index.html"), text(robot, "#batchStatus"));
    }
}
