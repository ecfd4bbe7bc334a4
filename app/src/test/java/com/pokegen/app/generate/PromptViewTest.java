package com.pokegen.app.generate;

import com.pokegen.app.StudioApp;
import com.pokegen.app.service.local.FolderGalleryService;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.FakeGenerationService;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.TilePane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@UiTest
class PromptViewTest {

    private final FakeGenerationService generator = new FakeGenerationService();
    @TempDir
    Path gallery;
    private FxTaskExecutor executor;
    private PromptViewModel viewModel;

    @Start
    void start(Stage stage) {
        executor = FxTaskExecutor.withThreads("test-work", 2);
        viewModel = new PromptViewModel(generator, new FolderGalleryService(gallery), executor, new FxUiScheduler(), new RecordingDialogs(), () -> 77);
        Scene scene = new Scene(new PromptView(viewModel), 1000, 700);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int redAt(FxRobot robot, String id) {
        Image image = robot.lookup(id).queryAs(ImageView.class).getImage();
        assertNotNull(image, id + " shows an image");
        return image.getPixelReader().getArgb(3, 3) >> 16 & 0xff;
    }

    @Test
    void typingRendersOneImageOfTheWholePromptAfterTheDebounce(FxRobot robot) throws Exception {
        generator.gate = new CountDownLatch(1); // renders that start wait here until released
        robot.clickOn("#promptField").write("pikachu");
        waitUntil(() -> !generator.requests.isEmpty()
                && generator.requests.get(generator.requests.size() - 1).prompt().equals("pikachu"));
        generator.gate.countDown();
        waitUntil(() -> robot.lookup("#previewImage").queryAs(ImageView.class).getImage() != null);

        assertEquals(1, generator.completed.get(), "exactly one render finished");
        assertEquals(generator.requests.size() - 1, generator.cancelled.get(),
                "any render started for a partial prompt was cancelled");
        assertEquals(FakeGenerationService.redOf(77), redAt(robot, "#previewImage"));
        assertEquals("Student 1 step 7 ms · seed 77", robot.lookup("#renderStatus").queryAs(Label.class).getText());
        assertEquals("pikachu", viewModel.history().get(0));
    }

    @Test
    void aNewerKeystrokeCancelsTheRenderInFlight(FxRobot robot) throws Exception {
        generator.gate = new CountDownLatch(1);
        TextField field = robot.lookup("#promptField").queryAs(TextField.class);
        robot.interact(() -> field.setText("a fire"));
        waitUntil(() -> generator.requests.size() == 1);

        robot.clickOn("#promptField").write(" dragon");
        waitUntil(() -> generator.cancelled.get() == 1 && generator.requests.size() == 2);
        generator.gate.countDown();
        waitUntil(() -> generator.completed.get() == 1);

        assertEquals("a fire dragon", generator.requests.get(1).prompt());
        assertEquals(2, generator.requests.size(), "one cancelled render, one finished");
        waitUntil(() -> "a fire dragon".equals(viewModel.imageProperty().get() == null ? null
                : viewModel.imageProperty().get().request().prompt()));
    }

    @Test
    void sideBySideShowsTeacherNextToStudentAndVariationsFillTheGrid(FxRobot robot) throws Exception {
        robot.clickOn("#sideBySideToggle");
        robot.clickOn("#promptField").write("mew").type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#comparisonImage").queryAs(ImageView.class).getImage() != null);
        Image teacher = robot.lookup("#comparisonImage").queryAs(ImageView.class).getImage();
        assertEquals(255, teacher.getPixelReader().getArgb(3, 3) & 0xff, "the teacher's image (blue 255)");

        robot.clickOn("#variationsButton");
        waitUntil(() -> robot.lookup("#variationsGrid").queryAs(TilePane.class).getChildren().size() == 4);
        robot.clickOn("#variation-79");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(79, viewModel.seedProperty().get());
        assertEquals(79, redAt(robot, "#previewImage"));
    }
}
