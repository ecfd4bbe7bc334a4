package com.pokegen.app.captions;

import com.pokegen.app.StudioApp;
import com.pokegen.app.dataset.DatasetSession;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.FakeDatasetService;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@UiTest
class CaptionViewTest {

    private final FakeDatasetService service = new FakeDatasetService(5);
    private FxTaskExecutor serial;
    private DatasetSession session;

    @Start
    void start(Stage stage) {
        serial = FxTaskExecutor.serial("test-dataset");
        session = new DatasetSession(service, serial, new RecordingDialogs());
        Scene scene = new Scene(new CaptionView(new CaptionViewModel(session, new FxUiScheduler())), 1000, 700);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @BeforeEach
    void openDataset(FxRobot robot) throws Exception {
        robot.interact(() -> session.open(Path.of("/data/set")));
        waitUntil(() -> session.items().size() == 5);
        service.calls.clear();
    }

    @AfterEach
    void tearDown() {
        serial.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String caption(FxRobot robot) {
        return robot.lookup("#captionArea").queryAs(TextArea.class).getText();
    }

    @Test
    void editingACaptionAndPressingUndoRestoresIt(FxRobot robot) throws Exception {
        assertEquals("a pokemon number 0", caption(robot));
        robot.clickOn("#captionArea").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("a shiny charizard");
        assertEquals("a shiny charizard", caption(robot));

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> "a pokemon number 0".equals(caption(robot)));
        assertEquals(List.of("caption 0000=a shiny charizard", "undo"), service.calls);
        assertEquals("a pokemon number 0", session.items().get(0).caption());

        robot.clickOn("#redoButton");
        waitUntil(() -> "a shiny charizard".equals(caption(robot)));
        assertEquals("a shiny charizard", session.items().get(0).caption());
    }

    @Test
    void altDownMovesOnAndSavesTheEdit(FxRobot robot) throws Exception {
        robot.clickOn("#captionArea").type(KeyCode.END).write(", tall");
        robot.press(KeyCode.ALT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.ALT);
        waitUntil(() -> "a pokemon number 1".equals(caption(robot)));
        assertEquals("2 / 5", robot.lookup("#positionLabel").queryAs(Label.class).getText());
        waitUntil(() -> "a pokemon number 0, tall".equals(session.items().get(0).caption()));
        assertEquals(List.of("caption 0000=a pokemon number 0, tall"), service.calls);
    }

    @Test
    void bulkReplacePreviewsThenAppliesAsOneUndoStep(FxRobot robot) throws Exception {
        robot.clickOn("#findField").write("pokemon");
        robot.clickOn("#replaceField").write("monster");
        @SuppressWarnings("unchecked")
        ListView<Object> previews = robot.lookup("#previewList").queryAs(ListView.class);
        waitUntil(() -> previews.getItems().size() == 5);
        assertEquals("5 captions would change", robot.lookup("#previewCountLabel").queryAs(Label.class).getText());

        robot.clickOn("#applyReplaceButton");
        waitUntil(() -> "a monster number 0".equals(caption(robot)));
        waitUntil(() -> previews.getItems().isEmpty());
        robot.clickOn("#undoButton");
        waitUntil(() -> "a pokemon number 4".equals(session.items().get(4).caption()));
        assertEquals("a pokemon number 0", caption(robot));
        assertEquals(false, robot.lookup("#redoButton").queryAs(Button.class).isDisabled());
    }
}
