package com.pokegen.app.main;

import com.pokegen.app.Studio;
import com.pokegen.app.StudioApp;
import com.pokegen.app.StudioServices;
import com.pokegen.app.service.local.LocalEvaluationService;
import com.pokegen.app.service.local.LocalRunService;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.FakeDatasetService;
import com.pokegen.app.testing.FakeGenerationService;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@UiTest
class MainViewTest {

    @TempDir
    static Path dir;
    private final FakeDatasetService datasets = new FakeDatasetService(20);
    private FxTaskExecutor work;
    private FxTaskExecutor serial;
    private Studio studio;

    @Start
    void start(Stage stage) {
        work = FxTaskExecutor.withThreads("test-work", 2);
        serial = FxTaskExecutor.serial("test-dataset");
        StudioServices services = new StudioServices(datasets, new FakeGenerationService(),
                new LocalRunService(dir.resolve("runs")), new LocalEvaluationService(), dir.resolve("runs"));
        studio = new Studio(services, work, serial, new FxUiScheduler(), new RecordingDialogs());
        Scene scene = new Scene(studio.mainView(), 1280, 800);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        work.close();
        serial.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean showing(FxRobot robot, String id) {
        Node node = robot.lookup(id).tryQuery().orElse(null);
        return node != null && node.getScene() != null && node.isVisible();
    }

    @Test
    void navigationButtonsAndShortcutsSwitchPages(FxRobot robot) throws Exception {
        assertTrue(showing(robot, "#datasetView"));
        robot.clickOn("#nav-training");
        waitUntil(() -> showing(robot, "#trainingView"));
        assertTrue(robot.lookup("#nav-training").queryAs(ToggleButton.class).isSelected());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitUntil(() -> showing(robot, "#promptView"));
        assertTrue(robot.lookup("#nav-generate").queryAs(ToggleButton.class).isSelected());
        robot.clickOn("#nav-evaluation");
        waitUntil(() -> showing(robot, "#evaluationView"));
        robot.clickOn("#nav-captions");
        waitUntil(() -> showing(robot, "#captionView"));
    }

    @Test
    void statusBarShowsDeviceMemoryAndTheRunningTaskWithCancel(FxRobot robot) throws Exception {
        waitUntil(() -> "Engine: fake CPU".equals(robot.lookup("#deviceLabel").queryAs(Label.class).getText()));
        assertTrue(robot.lookup("#memoryLabel").queryAs(Label.class).getText().matches("Memory \\d+ / \\d+ MB"));

        datasets.holdOpen = new CountDownLatch(1);
        File folder = dir.toFile();
        robot.interact(() -> studio.mainViewModel().drop(List.of(folder))); // what a folder drop does
        waitUntil(() -> robot.lookup("#taskLabel").queryAs(Label.class).getText()
                .startsWith("Opening dataset " + folder.getName()));
        // the button and its status-bar group must both be shown (and laid out) before a click
        waitUntil(() -> treeVisible(robot.lookup("#cancelTaskButton").query()));
        // fire() rather than a pointer click: under xvfb-run's small default screen the status
        // bar of the 1100x720 window lies off-screen, which TestFX reports as "not visible"
        robot.interact(() -> robot.lookup("#cancelTaskButton").queryAs(javafx.scene.control.Button.class).fire());
        waitUntil(() -> !robot.lookup("#taskLabel").query().getParent().isVisible());
        assertNull(studio.dataset().datasetProperty().get());
    }

    @Test
    void droppingAFolderOpensItAsTheDataset(FxRobot robot) throws Exception {
        robot.clickOn("#nav-generate");
        robot.interact(() -> studio.mainViewModel().drop(List.of(dir.toFile())));
        waitUntil(() -> studio.dataset().items().size() == 20);
        assertTrue(showing(robot, "#datasetView"), "a drop shows the dataset page");
        assertEquals(List.of("open " + dir), datasets.calls);

        robot.clickOn("#thumb-0002");
        robot.clickOn("#nav-captions");
        waitUntil(() -> "0002".equals(robot.lookup("#captionItemId").queryAs(Label.class).getText()));
    }

    private static boolean treeVisible(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }
}
