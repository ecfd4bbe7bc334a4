package com.pokegen.app.training;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The settings form of the chosen stage: one row per setting (name, value, one-line explanation),
 * a Check button that shows the resolved spec the run will use, and the engine's message when a
 * value is refused.
 */
public final class TrainingSettingsView extends ScrollPane {

    public TrainingSettingsView(TrainingSettingsViewModel viewModel) {
        setId("settingsForm");
        setFitToWidth(true);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(2);
        viewModel.rows().addListener((ListChangeListener<TrainingSettingsViewModel.Row>) change -> {
            grid.getChildren().clear();
            int r = 0;
            for (TrainingSettingsViewModel.Row row : viewModel.rows()) {
                Label name = new Label(row.setting().key());
                name.getStyleClass().add("fact-name");
                name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                TextInputControl input = row.setting().list() ? new TextArea() : new TextField();
                if (input instanceof TextArea area) {
                    area.setPrefRowCount(4);
                }
                input.setId("setting-" + row.setting().key());
                input.textProperty().bindBidirectional(row.text());
                input.setTooltip(new Tooltip(row.setting().description() + "\nPreset: " + row.setting().defaultText()));
                GridPane.setHgrow(input, Priority.ALWAYS);
                Label help = new Label(row.setting().description());
                help.getStyleClass().add("hint");
                help.setWrapText(true);
                grid.add(name, 0, r);
                grid.add(input, 1, r++);
                grid.add(help, 1, r++);
            }
        });

        Label placeholder = new Label("Choose a stage on the left to edit its settings.");
        placeholder.getStyleClass().add("hint");
        placeholder.visibleProperty().bind(viewModel.stageProperty().isNull());
        placeholder.managedProperty().bind(placeholder.visibleProperty());
        Button check = new Button("Check settings");
        check.setId("checkSettingsButton");
        check.setTooltip(new Tooltip("Validate with the engine and show the resolved spec (like ./pokegen --dry-run)"));
        check.disableProperty().bind(viewModel.stageProperty().isNull());
        check.setOnAction(event -> viewModel.check());
        Label error = new Label();
        error.setId("settingsError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());
        TextArea spec = new TextArea();
        spec.setId("resolvedSpec");
        spec.setEditable(false);
        spec.setPrefRowCount(12);
        spec.setPromptText("The resolved spec appears here after Check (and before a run starts).");
        spec.textProperty().bind(viewModel.resolvedSpecProperty());

        VBox box = new VBox(8, placeholder, grid, check, error, new Label("Resolved spec"), spec);
        box.setPadding(new Insets(8));
        setContent(box);
    }
}
