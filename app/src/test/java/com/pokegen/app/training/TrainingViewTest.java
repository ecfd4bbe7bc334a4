package com.pokegen.app.training;

import com.pokegen.app.StudioApp;
import com.pokegen.app.service.local.LocalRunService;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.Fixtures;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@UiTest
class TrainingViewTest {

    @TempDir
    static Path dir;
    private FxTaskExecutor executor;
    private TrainingViewModel viewModel;
    private Path runsRoot;

    @Start
    void start(Stage stage) {
        runsRoot = dir.resolve("runs-" + System.nanoTime());
        Fixtures.copy("/runs/add-demo", runsRoot.resolve("add-demo"));
        executor = FxTaskExecutor.withThreads("test-work", 2);
        RecordingDialogs dialogs = new RecordingDialogs();
        viewModel = new TrainingViewModel(new LocalRunService(runsRoot), executor, new FxUiScheduler(), dialogs);
        Scene scene = new Scene(new TrainingView(viewModel, dialogs, runsRoot), 1200, 700);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(viewModel::close);
        executor.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> pointsPerSeries(FxRobot robot) {
        LineChart<Number, Number> chart = robot.lookup("#lossChart").queryAs(LineChart.class);
        return chart.getData().stream().map(series -> series.getData().size()).toList();
    }

    @Test
    void openingTheRunFolderFixturePlotsEverySeriesAndFollowsNewLines(FxRobot robot) throws Exception {
        ListView<?> runs = robot.lookup("#runList").queryAs(ListView.class);
        waitUntil(() -> runs.getItems().size() == 1);
        robot.clickOn("add-demo");
        waitUntil(() -> pointsPerSeries(robot).equals(List.of(10, 10, 10, 9)));

        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.lookup("#lossChart").queryAs(LineChart.class);
        assertEquals(List.of("loss", "adv", "distill", "d_loss"), chart.getData().stream().map(XYChart.Series::getName).toList());
        assertEquals("100 / 200", robot.lookup("#stepLabel").queryAs(Label.class).getText());
        assertEquals("Running", robot.lookup("#statusLabel").queryAs(Label.class).getText());
        waitUntil(() -> {
            var image = robot.lookup("#sampleImage").queryAs(ImageView.class).getImage();
            return image != null && image.getProgress() >= 1.0;
        });
        int argb = robot.lookup("#sampleImage").queryAs(ImageView.class).getImage().getPixelReader().getArgb(5, 5);
        assertEquals(60, argb >> 16 & 0xff, "the blue step-100 sample, not the red step-50 one");

        // the trainer finishes the partial line and logs completion: the live tailer picks both up
        Files.writeString(runsRoot.resolve("add-demo/events.jsonl"),
                "in\", \"elapsed_s\": 275.0, \"losses\": {\"loss\": 0.09, \"adv\": 0.6, \"distill\": 0.03, \"d_loss\": 1.2}}\n"
                        + "{\"step\": 110, \"kind\": \"done\"}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        waitUntil(() -> pointsPerSeries(robot).equals(List.of(11, 11, 11, 10)));
        waitUntil(() -> "Finished".equals(robot.lookup("#statusLabel").queryAs(Label.class).getText()));
    }

    @Test
    void openFolderByPath(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.openFolder(runsRoot.resolve("add-demo")));
        waitUntil(() -> pointsPerSeries(robot).equals(List.of(10, 10, 10, 9)));
        ListView<?> warnings = robot.lookup("#warningsList").queryAs(ListView.class);
        assertEquals(List.of("Step 70: grad norm spiked to 12.0"), warnings.getItems());
        assertEquals("4m 11s", robot.lookup("#etaLabel").queryAs(Label.class).getText());
    }

}
