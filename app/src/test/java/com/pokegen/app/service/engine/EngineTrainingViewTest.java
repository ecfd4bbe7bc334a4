package com.pokegen.app.service.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.app.StudioApp;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.service.RunInfo;
import com.pokegen.app.service.RunService;
import com.pokegen.app.service.TrainingSetting;
import com.pokegen.engine.train.add.StageSettings;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.FxResponsivenessProbe;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import com.pokegen.app.training.TrainingView;
import com.pokegen.app.training.TrainingViewModel;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training dashboard over the real engine: Start trains a tiny VAE ({@code train.Training}
 * through {@link EngineRunService}) on an imported dataset, the chart gains points while it trains,
 * the FX thread keeps pulsing, and Stop ends with status "Stopped".
 */
@UiTest
class EngineTrainingViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;
    private EngineRunService engineRuns;
    private FxTaskExecutor executor;
    private TrainingViewModel viewModel;

    /**
     * The dashboard's Start button passes only a preset name; this port lays tiny settings over the
     * engine's "vae" preset (16 px, channels 8/16, a loss point every step, far more steps than the
     * test waits for) and otherwise is the engine service itself.
     */
    private record TinyPresetRuns(EngineRunService engine) implements RunService {
        @Override
        public List<RunInfo> listRuns() throws IOException {
            return engine.listRuns();
        }

        @Override
        public RunInfo open(Path folder) throws IOException {
            return engine.open(folder);
        }

        @Override
        public List<String> presets() {
            return List.of("vae");
        }

        @Override
        public RunInfo start(String preset) throws IOException {
            throw new AssertionError("the dashboard starts with the settings form's values");
        }

        @Override
        public List<TrainingSetting> settings(String preset) {
            return engine.settings(preset);
        }

        @Override
        public String resolve(String preset, Map<String, String> values) throws IOException {
            return engine.resolve(preset, values);
        }

        /** The form's values (typed by the test) over a tiny architecture the form does not offer. */
        @Override
        public RunInfo start(String preset, Map<String, String> values) throws IOException {
            ObjectNode tiny = StageSettings.overrides(preset, values);
            tiny.put("resolution", 16);
            tiny.putArray("block_out_channels").add(8).add(16);
            tiny.put("norm_num_groups", 4);
            return engine.start(preset, tiny);
        }

        @Override
        public boolean busy() {
            return engine.busy();
        }

        @Override
        public void stop(RunInfo run) throws IOException {
            engine.stop(run);
        }

        @Override
        public boolean isRunning(RunInfo run) {
            return engine.isRunning(run);
        }
    }

    @Start
    void start(Stage stage) {
        Path home = temp.resolve("home-" + System.nanoTime());
        Path dataset = importTinyDataset(home);
        engineRuns = new EngineRunService(home.resolve("runs"), () -> Optional.of(dataset), ModelFolders.defaults(home));
        executor = FxTaskExecutor.withThreads("test-work", 2);
        RecordingDialogs dialogs = new RecordingDialogs();
        viewModel = new TrainingViewModel(new TinyPresetRuns(engineRuns), executor, new FxUiScheduler(), dialogs);
        Scene scene = new Scene(new TrainingView(viewModel, dialogs, home.resolve("runs")), 1200, 700);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    static Path importTinyDataset(Path home) {
        try {
            Path source = Files.createDirectories(home.resolve("source"));
            for (int i = 0; i < 4; i++) {
                BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 64; x++) {
                        image.setRGB(x, y, ((x * 4 + i * 40) & 0xff) << 16 | ((y * 4) & 0xff) << 8 | (i * 60));
                    }
                }
                ImageIO.write(image, "png", source.resolve("p" + i + ".png").toFile());
                Files.writeString(source.resolve("p" + i + ".txt"), "pokemon number " + i);
            }
            return new EngineDatasetService(home.resolve("datasets")).open(source, ProgressMonitor.NONE).folder();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(viewModel::close);
        engineRuns.close();
        executor.close();
    }

    @SuppressWarnings("unchecked")
    private static int chartPoints(FxRobot robot) {
        LineChart<Number, Number> chart = robot.lookup("#lossChart").queryAs(LineChart.class);
        return chart.getData().stream().mapToInt(series -> series.getData().size()).sum();
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#statusLabel").queryAs(Label.class).getText();
    }

    @Test
    void startingATinyRunGrowsTheChartKeepsTheUiResponsiveAndStopEndsStopped(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#presetBox").queryAs(ComboBox.class).getSelectionModel().select("vae"));
        robot.clickOn("Settings");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#setting-steps").tryQuery().isPresent());
        for (Map.Entry<String, String> edit : Map.of("steps", "100000", "batch_size", "2", "log_every", "1",
                "sample_every", "0", "checkpoint_every", "0").entrySet()) {
            robot.interact(() -> robot.lookup("#setting-" + edit.getKey()).queryAs(TextField.class).clear());
            robot.clickOn("#setting-" + edit.getKey()).write(edit.getValue());
        }
        robot.clickOn("#startRunButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "0 / 100000".equals(robot.lookup("#stepLabel").queryAs(Label.class).getText()));
        assertTrue(robot.lookup("#startRunButton").queryAs(javafx.scene.control.Button.class).isDisabled(), "one run at a time");
        robot.clickOn("Losses");
        // the first step loads libtorch and builds the VAE: allow time on a busy CPU
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> chartPoints(robot) > 0);
        assertEquals("Running", status(robot));

        FxResponsivenessProbe probe = FxResponsivenessProbe.start();
        int first = chartPoints(robot);
        Thread.sleep(3000); // the measurement window: six 500 ms polls of events.jsonl while the VAE trains
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> chartPoints(robot) > first);
        probe.stop();
        int second = chartPoints(robot);
        assertTrue(second > first, "the chart gained points while training: " + first + " -> " + second);
        RunInfo run = viewModel.openRunProperty().get();
        assertTrue(engineRuns.isRunning(run), "still training during the measurement");

        robot.clickOn("#stopRunButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "Stopped".equals(status(robot)));
        assertFalse(engineRuns.isRunning(run));
        List<String> lines = Files.readAllLines(run.folder().resolve("events.jsonl"));
        assertTrue(lines.get(lines.size() - 1).contains("\"stopped\""), lines.get(lines.size() - 1));

        System.out.println("Training dashboard responsiveness: " + probe + "; chart points " + first + " -> " + second);
        assertTrue(probe.pulses() > 0, "pulses kept coming: " + probe);
        assertTrue(probe.maxBlockingMs() < 100, "the FX thread blocked itself between pulses while training: " + probe);
        if (FxResponsivenessProbe.machineHasSpareCores()) {
            // a pulse count is wall-clock too: on a saturated machine the FX thread waits for a core
            assertTrue(probe.pulses() > 30, "pulses kept coming: " + probe);
            // wall-clock gaps also count time spent waiting for a core: only meaningful on a machine that has one spare
            assertTrue(probe.maxPulseGapMs() < 100, "FX pulse gap while training: " + probe);
            assertTrue(probe.maxRunLaterDelayMs() < 100, "FX run-later delay while training: " + probe);
        }
    }
}
