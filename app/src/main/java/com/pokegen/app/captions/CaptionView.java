package com.pokegen.app.captions;

import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.service.ReplacePreview;
import com.pokegen.app.view.Icons;
import com.pokegen.app.view.Images;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The caption editor. Keys: Alt+Down / Alt+Up next and previous item, Ctrl+Z / Ctrl+Shift+Z (or
 * Ctrl+Y) undo and redo through the journal, Ctrl+Enter saves now. The keys are caught before the
 * text area so its own local undo never competes with the journal.
 */
public final class CaptionView extends BorderPane {

    static final KeyCombination NEXT = new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN);
    static final KeyCombination PREVIOUS = new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN);
    static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination REDO_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination SAVE = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    public CaptionView(CaptionViewModel viewModel) {
        this(viewModel, null);
    }

    /** With {@code tableViewModel}, a "Table" tab beside the one-at-a-time editor shows every caption. */
    public CaptionView(CaptionViewModel viewModel, CaptionTableViewModel tableViewModel) {
        getStyleClass().add("page");
        setId("captionView");
        if (tableViewModel == null) {
            setCenter(editor(viewModel));
        } else {
            javafx.scene.control.Tab one = new javafx.scene.control.Tab("One at a time", editor(viewModel));
            one.setId("editorTab");
            javafx.scene.control.Tab table = new javafx.scene.control.Tab("Table",
                    new CaptionTableView(tableViewModel, viewModel::show));
            table.setId("tableTab");
            javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(one, table);
            tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
            setCenter(tabs);
        }
        setRight(findReplace(viewModel));
        addEventFilter(KeyEvent.KEY_PRESSED, event -> handleKey(viewModel, event));
    }

    private static void handleKey(CaptionViewModel viewModel, KeyEvent event) {
        if (REDO.match(event) || REDO_Y.match(event)) {
            viewModel.redo();
        } else if (UNDO.match(event)) {
            viewModel.undo();
        } else if (NEXT.match(event)) {
            viewModel.next();
        } else if (PREVIOUS.match(event)) {
            viewModel.previous();
        } else if (SAVE.match(event)) {
            viewModel.commit();
        } else {
            return;
        }
        event.consume();
    }

    private static VBox editor(CaptionViewModel viewModel) {
        ImageView image = new ImageView();
        image.setId("captionImage");
        image.setFitWidth(320);
        image.setFitHeight(320);
        image.setPreserveRatio(true);
        image.imageProperty().bind(Bindings.createObjectBinding(() -> {
            DatasetItem item = viewModel.currentProperty().get();
            return item == null ? null : Images.file(item.imagePath());
        }, viewModel.currentProperty()));

        Label id = new Label();
        id.setId("captionItemId");
        id.getStyleClass().add("detail-title");
        id.textProperty().bind(Bindings.createStringBinding(() -> {
            DatasetItem item = viewModel.currentProperty().get();
            return item == null ? "No dataset open" : item.id();
        }, viewModel.currentProperty()));

        TextArea caption = new TextArea();
        caption.setId("captionArea");
        caption.setWrapText(true);
        caption.setPrefRowCount(4);
        caption.textProperty().bindBidirectional(viewModel.captionTextProperty());
        caption.disableProperty().bind(viewModel.currentProperty().isNull());

        Button previous = Icons.decorate(new Button("Previous"), "previousButton", "mdi2c-chevron-up");
        previous.setOnAction(event -> viewModel.previous());
        Button next = Icons.decorate(new Button("Next"), "nextButton", "mdi2c-chevron-down");
        next.setOnAction(event -> viewModel.next());
        Label position = new Label();
        position.setId("positionLabel");
        position.textProperty().bind(viewModel.positionProperty());
        Button undo = Icons.decorate(new Button("Undo"), "undoButton", "mdi2u-undo");
        undo.setOnAction(event -> viewModel.undo());
        undo.disableProperty().bind(viewModel.canUndoProperty().not().and(viewModel.dirtyProperty().not()));
        Button redo = Icons.decorate(new Button("Redo"), "redoButton", "mdi2r-redo");
        redo.setOnAction(event -> viewModel.redo());
        redo.disableProperty().bind(viewModel.canRedoProperty().not());
        Label saved = new Label();
        saved.setId("saveStateLabel");
        saved.textProperty().bind(Bindings.when(viewModel.dirtyProperty()).then("Editing…").otherwise("Saved"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, previous, next, position, spacer, saved, undo, redo);
        buttons.getStyleClass().add("toolbar");

        Label lastEdit = new Label();
        lastEdit.setId("lastEditLabel");
        lastEdit.getStyleClass().add("hint");
        lastEdit.textProperty().bind(viewModel.lastEditProperty());
        Label keys = new Label("Alt+↓/↑ next/previous · Ctrl+Z/Ctrl+Shift+Z undo/redo · edits save when you pause");
        keys.getStyleClass().add("hint");

        VBox box = new VBox(10, image, id, caption, buttons, lastEdit, keys);
        box.setPadding(new Insets(16));
        return box;
    }

    private static TitledPane findReplace(CaptionViewModel viewModel) {
        TextField find = new TextField();
        find.setId("findField");
        find.setPromptText("Find");
        find.textProperty().bindBidirectional(viewModel.findTextProperty());
        TextField replace = new TextField();
        replace.setId("replaceField");
        replace.setPromptText("Replace with");
        replace.textProperty().bindBidirectional(viewModel.replaceTextProperty());
        CheckBox regex = new CheckBox("Regex");
        regex.setId("regexCheck");
        regex.selectedProperty().bindBidirectional(viewModel.regexProperty());
        CheckBox matchCase = new CheckBox("Match case");
        matchCase.setId("matchCaseCheck");
        matchCase.selectedProperty().bindBidirectional(viewModel.matchCaseProperty());
        Label problem = new Label();
        problem.setId("findProblemLabel");
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        problem.textProperty().bind(viewModel.findProblemProperty());

        ListView<ReplacePreview> previews = new ListView<>(viewModel.previews());
        previews.setId("previewList");
        previews.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ReplacePreview item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : ChangeHighlight.of(item));
            }
        });
        VBox.setVgrow(previews, Priority.ALWAYS);
        Label count = new Label();
        count.setId("previewCountLabel");
        count.textProperty().bind(Bindings.size(viewModel.previews()).asString("%d captions would change"));
        Button apply = Icons.decorate(new Button("Replace all"), "applyReplaceButton", "mdi2f-find-replace");
        apply.setOnAction(event -> viewModel.applyReplace());
        apply.disableProperty().bind(Bindings.isEmpty(viewModel.previews()));

        VBox box = new VBox(8, find, replace, new HBox(12, regex, matchCase), problem, count, previews, apply);
        box.setPadding(new Insets(8));
        box.setPrefWidth(380);
        TitledPane pane = new TitledPane("Find and replace in all captions", box);
        pane.setCollapsible(false);
        pane.setMaxHeight(Double.MAX_VALUE);
        return pane;
    }
}
