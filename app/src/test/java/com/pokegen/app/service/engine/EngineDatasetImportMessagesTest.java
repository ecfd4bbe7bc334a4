package com.pokegen.app.service.engine;

import com.pokegen.app.StudioApp;
import com.pokegen.app.dataset.DatasetSession;
import com.pokegen.app.dataset.DatasetView;
import com.pokegen.app.dataset.DatasetViewModel;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Importing folders that cannot make a full dataset says what was found and what to do. */
@UiTest
class EngineDatasetImportMessagesTest {

    @TempDir
    Path temp;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private FxTaskExecutor serial;
    private Path datasets;

    @Start
    void start(Stage stage) {
        datasets = temp.resolve("datasets");
        serial = FxTaskExecutor.serial("test-dataset");
        DatasetSession session = new DatasetSession(new EngineDatasetService(datasets), serial, dialogs);
        Scene scene = new Scene(new DatasetView(new DatasetViewModel(session, dialogs)), 1280, 800);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        serial.close();
    }

    @Test
    void aFolderWithoutImagesSaysWhatItHoldsAndLeavesNoDataset(FxRobot robot) throws Exception {
        Path notes = Files.createDirectories(temp.resolve("notes"));
        Files.writeString(notes.resolve("todo.txt"), "draw more pokemon");
        Files.writeString(notes.resolve("README.md"), "# notes");
        dialogs.nextDirectory = notes;
        robot.clickOn("#importButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !dialogs.errors.isEmpty());
        String error = dialogs.errors.get(0);
        assertTrue(error.contains("No images found in " + notes.toRealPath()), error);
        assertTrue(error.contains("it holds 2 files (1 .md, 1 .txt)"), error);
        assertTrue(error.contains("PNG, JPEG or WebP"), error);
        try (Stream<Path> left = Files.list(datasets)) {
            assertEquals(0, left.count(), "no empty dataset left behind");
        }
        assertFalse(robot.lookup("#importNotice").query().getParent().isVisible());
    }

    @Test
    void imagesWithoutCaptionsAreImportedWithANoticeSayingWhatToDo(FxRobot robot) throws Exception {
        Path pictures = Files.createDirectories(temp.resolve("pictures"));
        for (int i = 0; i < 3; i++) {
            BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            image.setRGB(i, i, 0xff0000 >> (8 * i));
            ImageIO.write(image, "png", pictures.resolve("p" + i + ".png").toFile());
        }
        dialogs.nextDirectory = pictures;
        robot.clickOn("#importButton");
        Label notice = robot.lookup("#importNotice").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> notice.getParent().isVisible() || !dialogs.errors.isEmpty());
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        assertTrue(notice.getText().startsWith("None of the 3 images has a caption"), notice.getText());
        assertTrue(notice.getText().contains("Captions page"), notice.getText());
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        robot.clickOn("#dismissNoticeButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !notice.getParent().isVisible());
    }
}
