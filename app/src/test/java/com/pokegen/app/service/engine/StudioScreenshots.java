package com.pokegen.app.service.engine;

import com.pokegen.app.Studio;
import com.pokegen.app.StudioApp;
import com.pokegen.app.StudioServices;
import com.pokegen.app.main.Page;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.Fixtures;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes one PNG per studio page into the folder named by {@code -Dpokegen.screenshots=DIR}, with
 * the engine-backed services on fixture content: the seven-picture dataset, a tiny student model,
 * the {@code add-demo} run folder and the {@code eval/demo} report. Run it under Xvfb:
 * <pre>xvfb-run -a ./mvnw -B -q -Pslow -pl app -am test -Dtest=StudioScreenshots \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dpokegen.screenshots=$PWD/docs/screenshots</pre>
 */
@UiTest
@Tag("slow")
@EnabledIfSystemProperty(named = "pokegen.screenshots", matches = ".+",
        disabledReason = "writes screenshots only when -Dpokegen.screenshots=DIR is given")
class StudioScreenshots {

    private static final long MAX_BYTES = 200 * 1024;

    @TempDir
    Path temp;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private StudioServices services;
    private FxTaskExecutor work;
    private FxTaskExecutor serial;
    private Scene scene;

    @Start
    void start(Stage stage) throws IOException {
        Path home = temp.resolve("home");
        EngineGenerationServiceTest.writeTinyStudent(home.resolve(ModelFolders.DEFAULT_STUDENT));
        Fixtures.copy("/runs/add-demo", home.resolve("runs").resolve("add-demo"));
        services = StudioServices.engine(home, ModelFolders.defaults(home));
        work = FxTaskExecutor.withThreads("shots-work", 2);
        serial = FxTaskExecutor.serial("shots-dataset");
        scene = new Scene(new Studio(services, work, serial, new FxUiScheduler(), dialogs).mainView(), 1280, 800);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setTitle("PokéGen Studio");
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        services.close();
        work.close();
        serial.close();
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300); // let layout and image loading settle before the snapshot
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @SuppressWarnings("unchecked")
    void writeOneScreenshotPerPage(FxRobot robot) throws Exception {
        Path out = Files.createDirectories(Path.of(System.getProperty("pokegen.screenshots")));

        dialogs.nextDirectory = EngineStudioDatasetTest.writeFixture(temp.resolve("my-pokemon"));
        robot.clickOn("#importButton");
        waitUntil(() -> robot.lookup("#datasetGrid").queryAs(GridView.class).getItems().size()
                == EngineStudioDatasetTest.FIXTURE.size());
        robot.clickOn("#thumb-charmander");
        waitUntil(() -> robot.lookup("#detailImage").queryAs(ImageView.class).getImage() != null);
        shoot(robot, out, "dataset");

        robot.clickOn("#" + Page.CAPTIONS.navId());
        robot.clickOn("#findField").write("pokemon");
        robot.clickOn("#replaceField").write("monster");
        waitUntil(() -> !robot.lookup("#previewList").queryAs(ListView.class).getItems().isEmpty());
        shoot(robot, out, "captions");

        robot.clickOn("#" + Page.TRAINING.navId());
        waitUntil(() -> !robot.lookup("#runList").queryAs(ListView.class).getItems().isEmpty());
        robot.interact(() -> robot.lookup("#runList").queryAs(ListView.class).getSelectionModel().select(0));
        waitUntil(() -> !robot.lookup("#lossChart").queryAs(LineChart.class).getData().isEmpty());
        shoot(robot, out, "training");

        robot.clickOn("#" + Page.GENERATE.navId());
        robot.clickOn("#promptField").write("a red fire bird pokemon");
        waitUntil(() -> robot.lookup("#previewImage").queryAs(ImageView.class).getImage() != null);
        shoot(robot, out, "generate");

        robot.clickOn("#" + Page.EVALUATION.navId());
        dialogs.nextDirectory = Fixtures.copy("/eval/demo", temp.resolve("eval-demo"));
        robot.clickOn("#openEvalButton");
        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, out, "evaluation");
        assertTrue(dialogs.errors.isEmpty(), "no errors while taking screenshots: " + dialogs.errors);
    }

    /** Snapshots the scene and writes it as {@code name.png} (RGB PNG). */
    private void shoot(FxRobot robot, Path out, String name) throws IOException {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = scene.snapshot(null));
        int width = (int) shot[0].getWidth();
        int height = (int) shot[0].getHeight();
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = shot[0].getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                rgb.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path file = out.resolve(name + ".png");
        Path partial = out.resolve(name + ".png.part");
        ImageIO.write(rgb, "png", partial.toFile());
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertTrue(Files.size(file) < MAX_BYTES, file + " is " + Files.size(file) + " bytes");
        System.out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
    }
}
