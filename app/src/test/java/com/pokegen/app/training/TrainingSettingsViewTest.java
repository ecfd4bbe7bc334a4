package com.pokegen.app.training;

import com.pokegen.app.StudioApp;
import com.pokegen.app.service.RunInfo;
import com.pokegen.app.service.TrainingSetting;
import com.pokegen.app.service.engine.EngineRunService;
import com.pokegen.app.service.engine.ModelFolders;
import com.pokegen.app.service.local.LocalRunService;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings form over the engine's real settings and validation; starting records what the
 * engine would start and hands back a run folder the test writes events into, standing in for the
 * trainer (the real trainer is {@code EngineTrainingViewTest}).
 */
@UiTest
class TrainingSettingsViewTest {

    @TempDir
    static Path dir;
    private FxTaskExecutor executor;
    private TrainingViewModel viewModel;
    private Path runFolder;
    private final List<Map<String, String>> started = new CopyOnWriteArrayList<>();
    private volatile boolean training;

    /** Settings and validation from the engine; start and stop recorded. */
    private final class RecordingRuns extends LocalRunService {
        private final EngineRunService engine;

        RecordingRuns(Path runsRoot) {
            super(runsRoot);
            engine = new EngineRunService(runsRoot, Optional::empty, ModelFolders.defaults(dir));
        }

        @Override
        public List<String> presets() {
            return EngineRunService.STAGES;
        }

        @Override
        public List<TrainingSetting> settings(String preset) {
            return engine.settings(preset);
        }

        @Override
        public String resolve(String preset, Map<String, String> values) throws IOException {
            return engine.resolve(preset, values);
        }

        @Override
        public RunInfo start(String preset, Map<String, String> values) throws IOException {
            started.add(values);
            training = true;
            Files.createDirectories(runFolder);
            return new RunInfo(runFolder.getFileName().toString(), runFolder,
                    OptionalLong.of(Long.parseLong(values.get("steps"))));
        }

        @Override
        public void stop(RunInfo run) {
            // the trainer checkpoints, then logs "stopped" (written by the test)
        }

        @Override
        public boolean busy() {
            return training;
        }
    }

    @Start
    void start(Stage stage) {
        Path runsRoot = dir.resolve("runs-" + System.nanoTime());
        runFolder = runsRoot.resolve("add-test");
        executor = FxTaskExecutor.withThreads("test-work", 2);
        RecordingDialogs dialogs = new RecordingDialogs();
        viewModel = new TrainingViewModel(new RecordingRuns(runsRoot), executor, new FxUiScheduler(), dialogs);
        Scene scene = new Scene(new TrainingView(viewModel, dialogs, runsRoot), 1200, 760);
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

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static void retype(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(TextField.class).clear());
        robot.clickOn(id).write(text);
    }

    private void appendEvent(String json) throws IOException {
        Files.writeString(runFolder.resolve("events.jsonl"), json + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void theFormIsPrefilledValidatedShowsTheSpecAndStartTracksTheRun(FxRobot robot) throws Exception {
        robot.clickOn("#presetBox").clickOn("add");
        robot.clickOn("Settings");
        waitUntil(() -> robot.lookup("#setting-steps").tryQuery().isPresent());
        assertEquals("1000", robot.lookup("#setting-steps").queryAs(TextField.class).getText());
        assertEquals("2.5", robot.lookup("#setting-distill_weight").queryAs(TextField.class).getText());
        assertEquals("4", robot.lookup("#setting-student_steps").queryAs(TextField.class).getText());
        assertEquals(4, robot.lookup("#setting-sample_prompts").queryAs(TextArea.class).getText().lines().count());
        assertTrue(robot.lookup("Weight of the distillation loss from the teacher (paper's λ = 2.5).").tryQuery().isPresent(),
                "each field explains itself");
        for (String name : List.of("batch_size", "checkpoint_every", "adversarial_weight", "open")) {
            javafx.scene.control.Labeled labeled = name.equals("open") ? robot.lookup("#openRunButton").queryAs(Button.class)
                    : robot.lookup(name).queryAs(Label.class);
            assertTrue(labeled.getWidth() >= labeled.prefWidth(-1) - 0.5, name + " is shown in full, not cut: " + labeled.getWidth());
        }

        // a value the engine refuses: nothing starts, the form says which field
        retype(robot, "#setting-batch_size", "many");
        robot.clickOn("#startRunButton");
        waitUntil(() -> text(robot, "#settingsError").contains("batch_size"));
        assertTrue(started.isEmpty());
        assertEquals("No run open", text(robot, "#statusLabel"));

        retype(robot, "#setting-batch_size", "8");
        retype(robot, "#setting-steps", "50");
        robot.clickOn("#checkSettingsButton");
        TextArea spec = robot.lookup("#resolvedSpec").queryAs(TextArea.class);
        waitUntil(() -> spec.getText().contains("\"steps\" : 50"));
        assertTrue(spec.getText().contains("\"batch_size\" : 8"), spec.getText());
        assertEquals("", text(robot, "#settingsError"));

        robot.clickOn("#startRunButton");
        waitUntil(() -> started.size() == 1);
        assertEquals("50", started.get(0).get("steps"));
        assertEquals("8", started.get(0).get("batch_size"));
        waitUntil(() -> "Starting…".equals(text(robot, "#statusLabel")));
        assertEquals("0 / 50", text(robot, "#stepLabel"), "total steps shown at once");
        assertEquals("estimating…", text(robot, "#etaLabel"), "the ETA says it is coming");
        waitUntil(() -> robot.lookup("#startRunButton").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#busyHint").query().isVisible());

        appendEvent("{\"step\": 10, \"kind\": \"train\", \"elapsed_s\": 20.0, \"losses\": {\"loss\": 0.5}}");
        waitUntil(() -> "Running".equals(text(robot, "#statusLabel")));
        assertEquals("10 / 50", text(robot, "#stepLabel"));
        assertEquals("1m 20s", text(robot, "#etaLabel"));

        robot.clickOn("#stopRunButton");
        waitUntil(() -> "Stopping…".equals(text(robot, "#statusLabel")));
        appendEvent("{\"step\": 12, \"kind\": \"stopped\"}");
        training = false;
        waitUntil(() -> "Stopped".equals(text(robot, "#statusLabel")));
        waitUntil(() -> !robot.lookup("#startRunButton").queryAs(Button.class).isDisabled());
        robot.type(KeyCode.ESCAPE);
    }
}
