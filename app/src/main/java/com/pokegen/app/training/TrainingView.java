package com.pokegen.app.training;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.service.RunInfo;
import com.pokegen.app.view.Icons;
import com.pokegen.app.view.Images;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.nio.file.Path;

/** The training dashboard: run list and stage, loss charts, sample grids and settings in tabs, latest sample and progress. */
public final class TrainingView extends BorderPane {

    public TrainingView(TrainingViewModel viewModel, DialogService dialogs, Path runsRoot) {
        getStyleClass().add("page");
        setId("trainingView");
        setLeft(runs(viewModel, dialogs, runsRoot));
        setCenter(tabs(viewModel));
        setRight(side(viewModel));
        viewModel.refreshRuns();
        viewModel.watchRuns();
    }

    private static TabPane tabs(TrainingViewModel viewModel) {
        javafx.beans.binding.StringBinding title = Bindings.createStringBinding(() -> {
            RunInfo run = viewModel.openRunProperty().get();
            return run == null ? "Open a run to see its losses" : run.name();
        }, viewModel.openRunProperty());
        Tab losses = new Tab("Losses", new LossChartView(viewModel.chart(), title));
        losses.setId("lossesTab");
        Tab samples = new Tab("Samples", new SampleScrubberView(viewModel.samples()));
        samples.setId("samplesTab");
        Tab settings = new Tab("Settings", new TrainingSettingsView(viewModel.settings()));
        settings.setId("settingsTab");
        TabPane tabs = new TabPane(losses, samples, settings);
        tabs.setId("trainingTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private static VBox runs(TrainingViewModel viewModel, DialogService dialogs, Path runsRoot) {
        ListView<RunInfo> list = new ListView<>(viewModel.runs());
        list.setId("runList");
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, run) -> {
            if (run != null && run != viewModel.openRunProperty().get()) {
                viewModel.follow(run);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Button open = Icons.decorate(new Button("Open run folder…"), "openRunButton", "mdi2f-folder-open-outline");
        open.setOnAction(event -> dialogs.chooseDirectory("Open a run folder", runsRoot).ifPresent(viewModel::openFolder));
        Button refresh = Icons.decorate(new Button(), "refreshRunsButton", "mdi2r-refresh");
        refresh.setTooltip(new javafx.scene.control.Tooltip("Refresh the run list (it also refreshes by itself every 2 s)"));
        open.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        refresh.setOnAction(event -> viewModel.refreshRuns());

        ComboBox<String> presets = new ComboBox<>(viewModel.presets());
        presets.setId("presetBox");
        presets.setPromptText("Stage");
        presets.setTooltip(new javafx.scene.control.Tooltip("The stage to train; its settings open in the Settings tab"));
        presets.valueProperty().addListener((obs, old, stage) -> viewModel.settings().choose(stage));
        Button start = Icons.decorate(new Button("Start"), "startRunButton", "mdi2p-play");
        start.setTooltip(new javafx.scene.control.Tooltip("Check the settings with the engine and start the run"));
        start.disableProperty().bind(viewModel.startableProperty().not().or(presets.valueProperty().isNull()));
        start.setOnAction(event -> viewModel.startWithSettings());
        Button stop = Icons.decorate(new Button("Stop"), "stopRunButton", "mdi2s-stop");
        stop.setTooltip(new javafx.scene.control.Tooltip("Checkpoint and stop the open run"));
        stop.disableProperty().bind(viewModel.canStartProperty().not().or(viewModel.openRunProperty().isNull())
                .or(viewModel.statusProperty().isEqualTo(RunStatus.STOPPING)));
        stop.setOnAction(event -> viewModel.stopRun());
        Button resume = Icons.decorate(new Button("Resume"), "resumeRunButton", "mdi2r-restart");
        resume.setTooltip(new javafx.scene.control.Tooltip("Continue the open run from its newest checkpoint"));
        resume.disableProperty().bind(viewModel.startableProperty().not().or(viewModel.openRunProperty().isNull()));
        resume.setOnAction(event -> viewModel.resumeRun());
        Label startHint = new Label("Start runs with ./pokegen; open their folders here.");
        startHint.getStyleClass().add("hint");
        startHint.setWrapText(true);
        startHint.visibleProperty().bind(viewModel.canStartProperty().not());
        startHint.managedProperty().bind(startHint.visibleProperty());

        Label busyHint = new Label("A run started here is training: stop it (or let it finish) to start another.");
        busyHint.setId("busyHint");
        busyHint.getStyleClass().add("hint");
        busyHint.setWrapText(true);
        busyHint.visibleProperty().bind(viewModel.busyProperty());
        busyHint.managedProperty().bind(busyHint.visibleProperty());

        VBox box = new VBox(8, new Label("Runs"), list, new HBox(6, open, refresh), new HBox(6, presets, start),
                new HBox(6, stop, resume), startHint, busyHint);
        box.setPadding(new Insets(8));
        box.setPrefWidth(240);
        return box;
    }

    private static VBox side(TrainingViewModel viewModel) {
        ImageView sample = new ImageView();
        sample.setId("sampleImage");
        sample.setFitWidth(280);
        sample.setFitHeight(280);
        sample.setPreserveRatio(true);
        sample.setSmooth(false);
        sample.imageProperty().bind(Bindings.createObjectBinding(
                () -> Images.file(viewModel.latestSampleProperty().get()), viewModel.latestSampleProperty()));

        ProgressBar progress = new ProgressBar();
        progress.setId("runProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(viewModel.progressProperty());

        GridPane facts = new GridPane();
        facts.setHgap(10);
        facts.setVgap(4);
        addFact(facts, 0, "Status", "statusLabel", Bindings.convert(viewModel.statusProperty()));
        addFact(facts, 1, "Step", "stepLabel", viewModel.stepTextProperty());
        addFact(facts, 2, "ETA", "etaLabel", viewModel.etaTextProperty());
        addFact(facts, 3, "Speed", "speedLabel", viewModel.speedTextProperty());
        addFact(facts, 4, "Checkpoint", "checkpointLabel", viewModel.lastCheckpointProperty());

        ListView<String> warnings = new ListView<>(viewModel.warnings());
        warnings.setId("warningsList");
        warnings.setPrefHeight(120);

        VBox box = new VBox(10, new Label("Latest samples"), sample, progress, facts, new Label("Warnings"), warnings);
        box.setPadding(new Insets(8));
        box.setPrefWidth(300);
        return box;
    }

    private static void addFact(GridPane grid, int row, String name, String id,
                                javafx.beans.value.ObservableValue<String> value) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(value);
        Label key = new Label(name);
        key.getStyleClass().add("fact-name");
        grid.addRow(row, key, label);
    }
}
