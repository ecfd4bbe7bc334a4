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
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Points per shown series: the main chart's, then the small chart's (d_loss). */
    private static List<Integer> pointsPerSeries(FxRobot robot) {
        return java.util.stream.Stream.concat(chart(robot, "#lossChart").getData().stream(), chart(robot, "#auxChart").getData().stream())
                .map(series -> series.getData().size()).toList();
    }

    @SuppressWarnings("unchecked")
    private static LineChart<Number, Number> chart(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(LineChart.class);
    }

    private static List<String> names(LineChart<Number, Number> chart) {
        return chart.getData().stream().map(XYChart.Series::getName).toList();
    }

    @Test
    void openingTheRunFolderFixturePlotsEverySeriesAndFollowsNewLines(FxRobot robot) throws Exception {
        ListView<?> runs = robot.lookup("#runList").queryAs(ListView.class);
        waitUntil(() -> runs.getItems().size() == 1);
        robot.clickOn("add-demo");
        waitUntil(() -> pointsPerSeries(robot).equals(List.of(10, 10, 10, 9)));

        assertEquals(List.of("loss", "adv", "distill"), names(chart(robot, "#lossChart")));
        assertEquals(List.of("d_loss"), names(chart(robot, "#auxChart")), "the discriminator's loss has its own small chart");
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


    @Test
    void seriesCanBeHiddenLoggedAndSmoothed(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.openFolder(runsRoot.resolve("add-demo")));
        waitUntil(() -> pointsPerSeries(robot).equals(List.of(10, 10, 10, 9)));

        robot.clickOn("#toggle-adv");
        waitUntil(() -> names(chart(robot, "#lossChart")).equals(List.of("loss", "distill")));
        robot.clickOn("#toggle-d_loss");
        waitUntil(() -> !robot.lookup("#auxChart").query().isVisible());
        robot.clickOn("#toggle-adv");
        waitUntil(() -> names(chart(robot, "#lossChart")).equals(List.of("loss", "adv", "distill")));

        robot.clickOn("#logScaleBox");
        waitUntil(() -> chart(robot, "#lossChart").getData().get(0).getData().get(1).getYValue().doubleValue() < 0);
        assertEquals(Math.log10(0.5), chart(robot, "#lossChart").getData().get(0).getData().get(1).getYValue().doubleValue(), 1e-9);
        assertEquals("log10(loss)", ((javafx.scene.chart.NumberAxis) chart(robot, "#lossChart").getYAxis()).getLabel());
        robot.clickOn("#logScaleBox");

        robot.interact(() -> robot.lookup("#smoothingSlider").queryAs(javafx.scene.control.Slider.class).setValue(0.5));
        waitUntil(() -> "0.50".equals(robot.lookup("#smoothingLabel").queryAs(Label.class).getText()));
        // EMA: 0.5 * 1.0 + 0.5 * 0.5
        assertEquals(0.75, chart(robot, "#lossChart").getData().get(0).getData().get(1).getYValue().doubleValue(), 1e-9);
    }

    @Test
    void theScrubberStepsThroughEverySampleGridShownLarge(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.openFolder(runsRoot.resolve("add-demo")));
        waitUntil(() -> pointsPerSeries(robot).equals(List.of(10, 10, 10, 9)));
        robot.clickOn("Samples");
        Label caption = robot.lookup("#sampleCaption").queryAs(Label.class);
        waitUntil(() -> caption.getText().equals("step-000100.png  (2 of 2)"));
        ImageView image = robot.lookup("#scrubbedSample").queryAs(ImageView.class);
        waitUntil(() -> image.getImage() != null && image.getImage().getProgress() >= 1.0);
        assertEquals(60, image.getImage().getPixelReader().getArgb(5, 5) >> 16 & 0xff, "the blue step-100 grid");
        assertTrue(image.getBoundsInParent().getWidth() >= 400, "shown large: " + image.getBoundsInParent());

        robot.clickOn("#sampleScrubber").type(javafx.scene.input.KeyCode.END).type(javafx.scene.input.KeyCode.LEFT);
        waitUntil(() -> caption.getText().equals("step-000050.png  (1 of 2)"));
        waitUntil(() -> image.getImage() != null && image.getImage().getProgress() >= 1.0
                && (image.getImage().getPixelReader().getArgb(5, 5) >> 16 & 0xff) != 60);
    }

    @Test
    void theRunListShowsANewRunFolderByItself(FxRobot robot) throws Exception {
        ListView<?> runs = robot.lookup("#runList").queryAs(ListView.class);
        waitUntil(() -> runs.getItems().size() == 1);
        Fixtures.copy("/runs/add-demo", runsRoot.resolve("teacher-new"));
        waitUntil(() -> runs.getItems().size() == 2);
        assertTrue(robot.lookup("teacher-new").tryQuery().isPresent(), "listed without pressing Refresh");
    }
}
