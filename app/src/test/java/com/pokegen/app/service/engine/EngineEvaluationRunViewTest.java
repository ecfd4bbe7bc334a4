package com.pokegen.app.service.engine;

import com.pokegen.app.StudioApp;
import com.pokegen.app.evaluation.EvaluationRunViewModel;
import com.pokegen.app.evaluation.EvaluationView;
import com.pokegen.app.evaluation.EvaluationViewModel;
import com.pokegen.app.service.Metric;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.testing.FxResponsivenessProbe;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Running an evaluation from the window with the real engine: a tiny random student on a
 * four-image dataset; the report opens when done and the FX thread keeps pulsing meanwhile;
 * cancelling leaves no report folder behind.
 */
@UiTest
class EngineEvaluationRunViewTest {

    @TempDir
    static Path temp;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private FxTaskExecutor executor;
    private Path evals;
    private Path student;
    private Path dataset;
    private Path teacher;

    @Start
    void start(Stage stage) {
        Path home = temp.resolve("home-" + System.nanoTime());
        try {
            student = EngineGenerationServiceTest.writeTinyStudent(home.resolve("student"));
            teacher = EngineGenerationServiceTest.writeTinyStudent(home.resolve("teacher"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dataset = EngineTrainingViewTest.importTinyDataset(home);
        evals = home.resolve("evals");
        executor = FxTaskExecutor.withThreads("test-work", 2);
        EngineEvaluationService service = new EngineEvaluationService();
        EvaluationViewModel report = new EvaluationViewModel(service, executor, dialogs);
        EvaluationRunViewModel run = new EvaluationRunViewModel(service, executor, dialogs, evals, report::open, report::openPairs);
        Scene scene = new Scene(new EvaluationView(report, run), 1280, 800);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private void choose(FxRobot robot, String button, Path folder) {
        dialogs.nextDirectory = folder;
        robot.clickOn(button);
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#evalRunStatus").queryAs(Label.class).getText();
    }

    private static long reports(Path evals) throws IOException {
        if (!Files.isDirectory(evals)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(evals)) {
            return files.filter(file -> file.getFileName().toString().equals("report.json")).count();
        }
    }

    private static long entries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    void anEvaluationRunFromTheWindowOpensItsReportWhileTheUiStaysResponsive(FxRobot robot) throws Exception {
        choose(robot, "#chooseStudentButton", student);
        choose(robot, "#chooseDatasetButton", dataset);
        assertTrue(robot.lookup("Student: student").tryQuery().isPresent(), "the chosen folder is shown");
        for (String id : List.of("#runEvalButton", "#makePairsButton", "#chooseStudentButton", "#chooseDatasetButton")) {
            javafx.scene.control.Button button = robot.lookup(id).queryAs(javafx.scene.control.Button.class);
            assertTrue(button.getWidth() >= button.prefWidth(-1) - 0.5, id + " is not cut at 1280 px: " + button.getWidth());
        }
        robot.doubleClickOn("#promptCountSpinner .text-field").write("2\n");
        robot.doubleClickOn("#perPromptSpinner .text-field").write("1\n");
        FxResponsivenessProbe probe = FxResponsivenessProbe.start();
        robot.clickOn("#runEvalButton");
        assertTrue(robot.lookup("#cancelEvalButton").query().isVisible(), "Cancel offered while it runs");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> status(robot).startsWith("Done"));
        probe.stop();
        @SuppressWarnings("unchecked")
        TableView<Metric> metrics = robot.lookup("#metricsTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !metrics.getItems().isEmpty());
        assertEquals(1, reports(evals));
        Label folder = robot.lookup("#evalFolderLabel").queryAs(Label.class);
        assertTrue(folder.getText().startsWith(evals.toString()), folder.getText());
        System.out.println("Evaluation responsiveness: " + probe);
        assertTrue(probe.maxBlockingMs() < 100, "the FX thread blocked itself while evaluating: " + probe);
        if (FxResponsivenessProbe.machineHasSpareCores()) {
            assertTrue(probe.maxPulseGapMs() < 100, "FX pulse gap while evaluating: " + probe);
        }
    }

    @Test
    void cancellingLeavesNoReportBehind(FxRobot robot) throws Exception {
        choose(robot, "#chooseStudentButton", student);
        choose(robot, "#chooseDatasetButton", dataset);
        robot.doubleClickOn("#promptCountSpinner .text-field").write("40\n");
        robot.clickOn("#runEvalButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#cancelEvalButton").query().isVisible());
        robot.clickOn("#cancelEvalButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> status(robot).startsWith("Cancelled"));
        assertEquals("Cancelled: nothing was written", status(robot));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("#cancelEvalButton").query().isVisible());
        // the engine writes into a temporary folder beside the report's and removes it when it stops
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> entries(evals) == 0);
        assertEquals(0, reports(evals));
    }

    @Test
    void theEngineDrawsABPairsFromTheWindowAndVotesRankTheModels(FxRobot robot) throws Exception {
        choose(robot, "#chooseStudentButton", student);
        choose(robot, "#chooseTeacherButton", teacher);
        robot.doubleClickOn("#perPromptSpinner .text-field").write("1\n");
        robot.clickOn("#pairPromptsArea").write("a red fire pokemon\na blue water pokemon");
        robot.clickOn("#makePairsButton");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> status(robot).startsWith("Pairs ready")
                || !dialogs.errors.isEmpty());
        assertTrue(dialogs.errors.isEmpty(), dialogs.errors.toString());
        Label prompt = robot.lookup("#abPrompt").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "a red fire pokemon".equals(prompt.getText()));
        javafx.scene.image.ImageView left = robot.lookup("#abLeftImage").queryAs(javafx.scene.image.ImageView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> left.getImage() != null && left.getImage().getProgress() >= 1.0);
        assertTrue(left.getImage().getWidth() > 0);

        robot.clickOn("#voteLeftButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "a blue water pokemon".equals(prompt.getText()));
        robot.clickOn("#voteRightButton");
        Label ab = robot.lookup("#abStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ab.getText().startsWith("All pairs voted"));
        String ranking = robot.lookup("#rankingLabel").queryAs(Label.class).getText();
        assertTrue(ranking.contains("student") && ranking.contains("teacher"), ranking);
        try (Stream<Path> folders = Files.list(evals)) {
            Path made = folders.filter(f -> f.getFileName().toString().startsWith("ab-")).findFirst().orElseThrow();
            assertTrue(Files.isRegularFile(made.resolve("ab/pairs.jsonl")), "the engine wrote the pairs");
            assertTrue(Files.isRegularFile(made.resolve(EngineEvaluationService.STORE)), "votes are in the engine's store");
        }
    }
}
