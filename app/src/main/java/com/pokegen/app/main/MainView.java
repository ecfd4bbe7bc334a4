package com.pokegen.app.main;

import com.pokegen.app.view.Icons;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.Map;

/**
 * The main window: navigation on the left, the current page in the middle, the status bar at
 * the bottom. Keys: Ctrl+1..5 pages, Ctrl+Z / Ctrl+Shift+Z dataset undo/redo (pages with text
 * editors handle their own), Escape cancels the current task. Dropping one folder opens it as
 * the dataset.
 */
public final class MainView extends BorderPane {

    public MainView(MainViewModel viewModel, Map<Page, Node> pages) {
        setId("mainView");
        getStyleClass().add("main-view");
        StackPane center = new StackPane();
        center.setId("pageHost");
        setCenter(center);
        setLeft(navigation(viewModel));
        setBottom(statusBar(viewModel));
        Map<Page, Node> byPage = new EnumMap<>(pages);
        showPage(center, byPage.get(viewModel.pageProperty().get()));
        viewModel.pageProperty().addListener((obs, old, page) -> showPage(center, byPage.get(page)));

        setOnDragOver(event -> {
            if (MainViewModel.droppableFolder(event.getDragboard().getFiles()).isPresent()) {
                event.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            }
            event.consume();
        });
        setOnDragDropped((DragEvent event) -> {
            event.setDropCompleted(event.getDragboard().hasFiles() && viewModel.drop(event.getDragboard().getFiles()));
            event.consume();
        });
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                installShortcuts(scene, viewModel);
            }
        });
    }

    private static void showPage(StackPane host, Node page) {
        host.getChildren().setAll(page == null ? new Label("Missing page") : page);
    }

    private static VBox navigation(MainViewModel viewModel) {
        ToggleGroup group = new ToggleGroup();
        VBox nav = new VBox(4);
        nav.setId("navigation");
        nav.getStyleClass().add("navigation");
        Label title = new Label("PokéGen Studio");
        title.getStyleClass().add("app-title");
        nav.getChildren().add(title);
        Map<Page, ToggleButton> buttons = new EnumMap<>(Page.class);
        for (Page page : Page.values()) {
            ToggleButton button = new ToggleButton(page.label(), Icons.icon(page.icon()));
            button.setId(page.navId());
            button.getStyleClass().add("nav-button");
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setToggleGroup(group);
            button.setOnAction(event -> {
                viewModel.show(page);
                button.setSelected(true);
            });
            buttons.put(page, button);
            nav.getChildren().add(button);
        }
        buttons.get(viewModel.pageProperty().get()).setSelected(true);
        viewModel.pageProperty().addListener((obs, old, page) -> buttons.get(page).setSelected(true));
        nav.getChildren().addAll(undoRedo(viewModel), shortcutHints(viewModel));
        return nav;
    }

    /** Dataset undo / redo, visible on every page (the shortcut in the tooltip). */
    private static HBox undoRedo(MainViewModel viewModel) {
        Button undo = Icons.decorate(new Button("Undo"), "navUndoButton", "mdi2u-undo");
        undo.setTooltip(new javafx.scene.control.Tooltip("Undo the last dataset edit (Ctrl+Z)"));
        undo.disableProperty().bind(viewModel.canUndoProperty().not());
        undo.setOnAction(event -> viewModel.undo());
        Button redo = Icons.decorate(new Button("Redo"), "navRedoButton", "mdi2r-redo");
        redo.setTooltip(new javafx.scene.control.Tooltip("Redo the dataset edit you undid (Ctrl+Shift+Z)"));
        redo.disableProperty().bind(viewModel.canRedoProperty().not());
        redo.setOnAction(event -> viewModel.redo());
        HBox box = new HBox(4, undo, redo);
        box.setPadding(new javafx.geometry.Insets(12, 0, 0, 0));
        return box;
    }

    private static Label shortcutHints(MainViewModel viewModel) {
        Label hints = new Label();
        hints.setId("shortcutHints");
        hints.getStyleClass().add("hint");
        hints.setWrapText(true);
        hints.setMaxWidth(180);
        hints.textProperty().bind(Bindings.createStringBinding(() -> ShortcutHints.of(viewModel.pageProperty().get()),
                viewModel.pageProperty()));
        return hints;
    }

    private static HBox statusBar(MainViewModel viewModel) {
        Label device = new Label();
        device.setId("deviceLabel");
        device.setGraphic(Icons.icon("mdi2c-chip"));
        device.textProperty().bind(viewModel.deviceProperty());
        Label memory = new Label();
        memory.setId("memoryLabel");
        memory.setGraphic(Icons.icon("mdi2m-memory"));
        memory.textProperty().bind(viewModel.memoryProperty());
        Label speed = new Label();
        speed.setId("speedLabel");
        speed.textProperty().bind(viewModel.speedProperty());
        speed.visibleProperty().bind(viewModel.speedProperty().isNotEmpty());
        speed.managedProperty().bind(speed.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Label task = new Label();
        task.setId("taskLabel");
        task.textProperty().bind(Bindings.createStringBinding(() -> {
            String message = viewModel.taskMessageProperty().get();
            String title = viewModel.taskTitleProperty().get();
            return message == null || message.isEmpty() ? title : title + ": " + message;
        }, viewModel.taskTitleProperty(), viewModel.taskMessageProperty()));
        ProgressBar progress = new ProgressBar();
        progress.setId("taskProgress");
        progress.progressProperty().bind(viewModel.taskProgressProperty());
        Button cancel = Icons.decorate(new Button(), "cancelTaskButton", "mdi2c-close-circle-outline");
        cancel.setOnAction(event -> viewModel.cancelCurrentTask());
        HBox taskBox = new HBox(6, task, progress, cancel);
        taskBox.setAlignment(Pos.CENTER_RIGHT);
        taskBox.visibleProperty().bind(viewModel.taskRunningProperty());

        HBox bar = new HBox(16, device, memory, speed, spacer, taskBox);
        bar.setId("statusBar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static void installShortcuts(Scene scene, MainViewModel viewModel) {
        Map<KeyCombination, Runnable> keys = scene.getAccelerators();
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        for (Page page : Page.values()) {
            keys.put(new KeyCodeCombination(digits[page.ordinal()], KeyCombination.SHORTCUT_DOWN), () -> viewModel.show(page));
        }
        keys.put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), viewModel::undo);
        keys.put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), viewModel::redo);
        keys.put(new KeyCodeCombination(KeyCode.ESCAPE), viewModel::cancelCurrentTask);
    }
}
