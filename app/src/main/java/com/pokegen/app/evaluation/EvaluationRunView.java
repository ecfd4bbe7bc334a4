package com.pokegen.app.evaluation;

import com.pokegen.app.view.Icons;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.nio.file.Path;

/** The "run an evaluation" form: models, dataset, prompts, seeds per prompt, seed; Run, progress, Cancel. */
public final class EvaluationRunView extends VBox {

    public EvaluationRunView(EvaluationRunViewModel viewModel) {
        super(6);
        setId("evalRunForm");
        setPadding(new Insets(6, 8, 6, 8));
        Button student = chooser("Student…", "chooseStudentButton", "Student model folder (or its run folder)", viewModel.studentProperty());
        student.setOnAction(event -> viewModel.chooseStudent());
        Button teacher = chooser("Teacher…", "chooseTeacherButton", "Teacher model folder (optional: compares against it)", viewModel.teacherProperty());
        teacher.setOnAction(event -> viewModel.chooseTeacher());
        Button dataset = chooser("Dataset…", "chooseDatasetButton", "Dataset: reference images and the captions used as prompts", viewModel.datasetProperty());
        dataset.setOnAction(event -> viewModel.chooseDataset());

        Spinner<Integer> prompts = new Spinner<>(1, 10_000, viewModel.promptCountProperty().get());
        prompts.setId("promptCountSpinner");
        prompts.setEditable(true);
        prompts.setPrefWidth(90);
        prompts.setTooltip(new Tooltip("Captions drawn from the dataset as prompts"));
        prompts.valueProperty().addListener((obs, old, value) -> viewModel.promptCountProperty().set(value));
        Spinner<Integer> seeds = new Spinner<>(1, 64, viewModel.perPromptProperty().get());
        seeds.setId("perPromptSpinner");
        seeds.setEditable(true);
        seeds.setPrefWidth(80);
        seeds.setTooltip(new Tooltip("Images (seeds) per prompt"));
        seeds.valueProperty().addListener((obs, old, value) -> viewModel.perPromptProperty().set(value));
        TextField seed = new TextField();
        seed.setId("evalSeedField");
        seed.setPrefColumnCount(6);
        seed.setTooltip(new Tooltip("Seed of prompt choice and sampling"));
        seed.textProperty().bindBidirectional(viewModel.seedProperty());

        Button run = Icons.decorate(new Button("Run evaluation"), "runEvalButton", "mdi2p-play");
        run.setTooltip(new Tooltip("Sample the models and measure them; the report opens when done"));
        run.disableProperty().bind(viewModel.runningProperty());
        run.setOnAction(event -> viewModel.run());
        ProgressBar progress = new ProgressBar();
        progress.setId("evalProgress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Button cancel = Icons.decorate(new Button("Cancel"), "cancelEvalButton", "mdi2c-close");
        cancel.setTooltip(new Tooltip("Stop the evaluation; nothing is written (Esc)"));
        cancel.visibleProperty().bind(viewModel.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(event -> viewModel.cancel());
        Label status = new Label();
        status.setId("evalRunStatus");
        status.textProperty().bind(viewModel.statusProperty());

        FlowPane fields = new FlowPane(8, 6, student, teacher, dataset, new Label("Prompts"), prompts,
                new Label("Seeds per prompt"), seeds, new Label("Seed"), seed);
        fields.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.control.TextArea pairPrompts = new javafx.scene.control.TextArea();
        pairPrompts.setId("pairPromptsArea");
        pairPrompts.setPromptText("A/B prompts, one a line");
        pairPrompts.setPrefRowCount(2);
        pairPrompts.setPrefColumnCount(24);
        pairPrompts.textProperty().bindBidirectional(viewModel.pairPromptsProperty());
        Button pairs = Icons.decorate(new Button("Make A/B pairs"), "makePairsButton", "mdi2s-scale-balance");
        pairs.setTooltip(new Tooltip("The engine draws the student and the teacher on these prompts with the same seeds;"
                + " vote on the blind pairs on the right"));
        pairs.disableProperty().bind(viewModel.runningProperty());
        pairs.setOnAction(event -> viewModel.makePairs());
        for (javafx.scene.layout.Region fixed : new javafx.scene.layout.Region[] {run, pairs, cancel, student, teacher, dataset}) {
            fixed.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        status.setWrapText(true);
        HBox.setHgrow(status, javafx.scene.layout.Priority.ALWAYS);
        HBox actions = new HBox(8, run, pairPrompts, pairs, progress, cancel, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(fields, actions);
    }

    private static Button chooser(String text, String id, String tooltip, ObjectProperty<Path> chosen) {
        Button button = Icons.decorate(new Button(text), id, "mdi2f-folder-outline");
        button.textProperty().bind(Bindings.createStringBinding(() -> chosen.get() == null ? text
                : text.replace("…", ": ") + chosen.get().getFileName(), chosen));
        button.setTooltip(new Tooltip(tooltip));
        return button;
    }
}
