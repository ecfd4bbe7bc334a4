package com.pokegen.app.dataset;

import com.pokegen.app.StudioApp;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.testing.FakeDatasetService;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.GridView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@UiTest
class DatasetViewTest {

    private final FakeDatasetService service = new FakeDatasetService(3000);
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private FxTaskExecutor serial;
    private DatasetSession session;

    @Start
    void start(Stage stage) {
        serial = FxTaskExecutor.serial("test-dataset");
        session = new DatasetSession(service, serial, dialogs);
        dialogs.nextDirectory = Path.of("/data/pokemon");
        Scene scene = new Scene(new DatasetView(new DatasetViewModel(session, dialogs)), 1200, 760);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        serial.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean visible(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node.isVisible() && node.getParent() != null && node.getParent().isVisible();
    }

    @Test
    void importShowsProgressAndCanBeCancelled(FxRobot robot) throws Exception {
        service.holdOpen = new CountDownLatch(1);
        robot.clickOn("#importButton");
        waitUntil(() -> visible(robot, "#importProgress"));
        waitUntil(() -> robot.lookup("#importMessage").queryAs(Label.class).getText().startsWith("Reading "));

        robot.clickOn("#cancelImportButton");
        waitUntil(() -> !visible(robot, "#importProgress"));
        assertNull(session.datasetProperty().get(), "a cancelled import opens nothing");
        assertTrue(dialogs.errors.isEmpty(), "cancelling is not an error");
    }

    @Test
    void thousandsOfItemsFilterAndMultiSelectExclude(FxRobot robot) throws Exception {
        robot.clickOn("#importButton");
        @SuppressWarnings("unchecked")
        GridView<Object> grid = robot.lookup("#datasetGrid").queryAs(GridView.class);
        waitUntil(() -> grid.getItems().size() == 3000);
        assertTrue(robot.lookup(".thumbnail-cell").queryAll().size() < 300, "cells are virtualised");

        robot.clickOn("#thumb-0001");
        robot.press(KeyCode.CONTROL).clickOn("#thumb-0003").release(KeyCode.CONTROL);
        waitUntil(() -> "0003".equals(robot.lookup("#detailId").queryAs(Label.class).getText()));
        robot.clickOn("#excludeButton");
        waitUntil(() -> service.calls.contains("exclude [0001, 0003]"));
        waitUntil(() -> "Excluded from training".equals(robot.lookup("#detailStatus").queryAs(Label.class).getText()));
        assertEquals("3000 of 3000 shown · 2 excluded", robot.lookup("#summaryLabel").queryAs(Label.class).getText());

        robot.clickOn("#filterField").write("number 29");
        waitUntil(() -> grid.getItems().size() == 111); // 29, 290-299, 2900-2999
        robot.interact(() -> robot.lookup("#flagFilter").queryAs(javafx.scene.control.ComboBox.class).setValue("blurry"));
        waitUntil(() -> grid.getItems().size() == 11); // 290, 2900, 2910, ..., 2990
        assertEquals("11 of 3000 shown · 2 excluded", robot.lookup("#summaryLabel").queryAs(Label.class).getText());
    }
}
