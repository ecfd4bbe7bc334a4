package com.pokegen.app.service.engine;

import com.pokegen.app.StudioApp;
import com.pokegen.app.generate.PromptView;
import com.pokegen.app.generate.PromptViewModel;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prompt canvas over the real engine: typing a prompt shows a picture the tiny student drew. */
@UiTest
class EnginePromptViewTest {

    @TempDir
    static Path temp;
    private static EngineGenerationService generator;
    private FxTaskExecutor executor;

    @BeforeAll
    static void writeStudent() throws IOException {
        Path student = EngineGenerationServiceTest.writeTinyStudent(temp.resolve("student"));
        generator = new EngineGenerationService(new ModelFolders(student, temp.resolve("teacher")));
    }

    @AfterAll
    static void closeModels() {
        generator.close();
    }

    @Start
    void start(Stage stage) {
        executor = FxTaskExecutor.withThreads("test-work", 2);
        PromptViewModel viewModel = new PromptViewModel(generator, executor, new FxUiScheduler(), new RecordingDialogs(), () -> 5);
        Scene scene = new Scene(new PromptView(viewModel), 1000, 700);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    @Test
    void typingAPromptShowsAnImageThatIsNotBlank(FxRobot robot) throws Exception {
        robot.clickOn("#promptField").write("pikachu");
        // the first render loads the pipeline (MiniLM + tiny UNet/VAE): allow it some time on a busy CPU
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#previewImage").queryAs(ImageView.class).getImage() != null);
        WaitForAsyncUtils.waitForFxEvents();

        Image image = robot.lookup("#previewImage").queryAs(ImageView.class).getImage();
        assertEquals(16, (int) image.getWidth());
        assertEquals(16, (int) image.getHeight());
        PixelReader pixels = image.getPixelReader();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                colours.add(pixels.getArgb(x, y));
            }
        }
        assertTrue(colours.size() > 16, "the student's picture has varied pixels, got " + colours.size() + " colours");
        String status = robot.lookup("#renderStatus").queryAs(Label.class).getText();
        assertTrue(status.startsWith("Student 1 step") && status.endsWith("seed 5"), status);
    }
}
