package com.pokegen.app.generate;

import com.pokegen.app.view.Icons;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;

/** The batch bar: how many images, start (asks for a folder), progress, cancel, outcome. */
public final class BatchRunView extends HBox {

    public BatchRunView(BatchRunViewModel viewModel) {
        super(8);
        setId("batchRunView");
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("toolbar");
        Spinner<Integer> seeds = new Spinner<>(1, 100_000, viewModel.seedsProperty().get());
        seeds.setId("batchSeedsSpinner");
        seeds.setEditable(true);
        seeds.setPrefWidth(90);
        seeds.valueProperty().addListener((obs, old, value) -> viewModel.seedsProperty().set(value));
        Button start = Icons.decorate(new Button("Batch run…"), "batchRunButton", "mdi2i-image-multiple-outline");
        start.setOnAction(event -> viewModel.start());
        start.disableProperty().bind(viewModel.runningProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("batchProgress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(viewModel.progressProperty());
        Button cancel = Icons.decorate(new Button("Cancel"), "batchCancelButton", "mdi2c-close");
        cancel.setOnAction(event -> viewModel.cancel());
        for (javafx.scene.Node whileRunning : new javafx.scene.Node[] {progress, cancel}) {
            whileRunning.visibleProperty().bind(viewModel.runningProperty());
            whileRunning.managedProperty().bind(viewModel.runningProperty());
        }
        Label status = new Label();
        status.setId("batchStatus");
        status.textProperty().bind(viewModel.statusProperty());
        getChildren().setAll(new Label("Images"), seeds, start, progress, cancel, status);
    }
}
