package com.pokegen.app.captions;

import com.pokegen.app.StudioApp;
import com.pokegen.app.dataset.DatasetSession;
import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.FakeDatasetService;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

@UiTest
class CaptionTableViewTest {

    private final FakeDatasetService service = new FakeDatasetService(5);
    private FxTaskExecutor serial;
    private DatasetSession session;

    @Start
    void start(Stage stage) {
        serial = FxTaskExecutor.serial("test-dataset");
        session = new DatasetSession(service, serial, new RecordingDialogs());
        CaptionView view = new CaptionView(new CaptionViewModel(session, new FxUiScheduler()), new CaptionTableViewModel(session));
        Scene scene = new Scene(view, 1200, 700);
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

    @SuppressWarnings("unchecked")
    private static TableView<DatasetItem> table(FxRobot robot) {
        return robot.lookup("#captionTable").queryAs(TableView.class);
    }

    private static List<String> shownIds(FxRobot robot) {
        return table(robot).getItems().stream().map(DatasetItem::id).toList();
    }

    @Test
    void theTableSortsFiltersAndEditsInPlace(FxRobot robot) throws Exception {
        robot.clickOn("Table");
        waitUntil(() -> shownIds(robot).size() == 5);
        robot.clickOn("Id").clickOn("Id"); // ascending, then descending
        waitUntil(() -> shownIds(robot).equals(List.of("0004", "0003", "0002", "0001", "0000")));

        robot.clickOn("#captionTableFilter").write("number 2");
        waitUntil(() -> shownIds(robot).equals(List.of("0002")));

        robot.doubleClickOn("a pokemon number 2");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("a tiny dragon").type(KeyCode.ENTER);
        waitUntil(() -> service.calls.contains("caption 0002=a tiny dragon"));
        waitUntil(() -> "a tiny dragon".equals(session.items().get(2).caption()));
        assertTrue(robot.lookup("a tiny dragon").tryQuery().isPresent(), "the table shows the new caption");

        robot.clickOn("One at a time");
        waitUntil(() -> "0002".equals(robot.lookup("#captionItemId").queryAs(Label.class).getText()));
    }

    @Test
    void theReplacePreviewHighlightsWhatChanges(FxRobot robot) throws Exception {
        robot.clickOn("#findField").write("number");
        robot.clickOn("#replaceField").write("no.");
        @SuppressWarnings("unchecked")
        ListView<Object> previews = robot.lookup("#previewList").queryAs(ListView.class);
        waitUntil(() -> previews.getItems().size() == 5
                && robot.lookup("#previewList .added-text").queryAllAs(Text.class).stream().anyMatch(t -> t.getText().equals("no.")));
        Node flow = robot.lookup("#previewList .list-cell").nth(0).query();
        List<Text> removed = robot.from(flow).lookup(".removed-text").queryAllAs(Text.class).stream().toList();
        List<Text> added = robot.from(flow).lookup(".added-text").queryAllAs(Text.class).stream().toList();
        assertEquals(List.of("number"), removed.stream().map(Text::getText).toList());
        assertEquals(List.of("no."), added.stream().map(Text::getText).toList());
        assertEquals(Color.web("#15803d"), added.get(0).getFill(), "added text is coloured");
        assertTrue(removed.get(0).isStrikethrough(), "removed text is struck out");
    }
}
