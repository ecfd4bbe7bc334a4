package com.pokegen.app.evaluation;

import com.pokegen.app.StudioApp;
import com.pokegen.app.service.local.LocalEvaluationService;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.testing.Fixtures;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.TilePane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@UiTest
class EvaluationViewTest {

    @TempDir
    static Path dir;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private FxTaskExecutor executor;
    private Path eval;

    @Start
    void start(Stage stage) {
        eval = Fixtures.copy("/eval/demo", dir.resolve("eval-" + System.nanoTime()));
        dialogs.nextDirectory = eval;
        executor = FxTaskExecutor.withThreads("test-work", 1);
        Scene scene = new Scene(new EvaluationView(new EvaluationViewModel(new LocalEvaluationService(), executor, dialogs)),
                1300, 700);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void showsReportNumbersSheetsAndRecordsVotes(FxRobot robot) throws Exception {
        robot.clickOn("#openEvalButton");
        TableView<?> table = robot.lookup("#metricsTable").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 7);
        waitUntil(() -> robot.lookup("#contactSheets").queryAs(TilePane.class).getChildren().size() == 2);
        waitUntil(() -> "a red fire type pokemon".equals(robot.lookup("#abPrompt").queryAs(Label.class).getText()));

        robot.clickOn("#voteLeftButton");
        waitUntil(() -> "a blue water type pokemon".equals(robot.lookup("#abPrompt").queryAs(Label.class).getText()));
        robot.clickOn("#abPrompt").type(javafx.scene.input.KeyCode.DIGIT2);
        waitUntil(() -> "All pairs voted: thank you".equals(robot.lookup("#abStatus").queryAs(Label.class).getText()));
        assertEquals("2 votes recorded", robot.lookup("#votesLabel").queryAs(Label.class).getText());

        List<String> votes = Files.readAllLines(eval.resolve("ab/votes.jsonl"));
        assertEquals(List.of("p1 left", "p2 right"), votes.stream()
                .map(line -> line.replaceAll(".*\"id\":\"(\\w+)\",\"vote\":\"(\\w+)\".*", "$1 $2")).toList());
    }

    @Test
    void metricNamesWrapInsteadOfBeingCutAndValuesAreRounded(FxRobot robot) throws Exception {
        robot.clickOn("#openEvalButton");
        TableView<?> table = robot.lookup("#metricsTable").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 7);
        List<javafx.scene.text.Text> names = robot.lookup("#metricsTable .metric-name").queryAllAs(javafx.scene.text.Text.class)
                .stream().filter(text -> !text.getText().isEmpty()).toList();
        assertEquals(7, names.size());
        double column = table.getColumns().get(0).getWidth();
        assertTrue(column >= 200, "the name column takes the room left by the values: " + column);
        for (javafx.scene.text.Text name : names) {
            assertTrue(name.getLayoutBounds().getWidth() <= column, name.getText() + " fits its column");
            assertTrue(name.localToScene(name.getLayoutBounds()).getMaxX() <= table.localToScene(table.getLayoutBounds()).getMaxX(),
                    name.getText() + " is inside the table");
        }
        assertTrue(names.stream().anyMatch(name -> name.getText().equals("in_domain_fd.teacher_50step_cfg3")),
                names.stream().map(javafx.scene.text.Text::getText).toList().toString());
        assertTrue(robot.lookup("757.5").tryQuery().isPresent(), "values show four significant digits");
    }
}
