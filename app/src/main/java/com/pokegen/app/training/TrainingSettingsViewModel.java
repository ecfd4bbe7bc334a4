package com.pokegen.app.training;

import com.pokegen.app.service.RunService;
import com.pokegen.app.service.TrainingSetting;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.TaskExecutor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings form of the chosen stage: fields prefilled from the engine's preset, each with its
 * explanation; "Check" asks the engine to validate them and shows the resolved spec (the CLI's
 * --dry-run), or the engine's message naming the refused field.
 */
public final class TrainingSettingsViewModel {

    /** One form row: the engine's description and the text being edited. */
    public record Row(TrainingSetting setting, StringProperty text) {}

    private final RunService runs;
    private final TaskExecutor executor;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<String> stage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper resolvedSpec = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public TrainingSettingsViewModel(RunService runs, TaskExecutor executor) {
        this.runs = runs;
        this.executor = executor;
    }

    /** Loads the stage's fields with their preset values (edits of another stage are dropped). */
    public void choose(String newStage) {
        stage.set(newStage);
        resolvedSpec.set("");
        error.set("");
        if (newStage == null) {
            rows.clear();
            return;
        }
        BackgroundTask.of("Reading " + newStage + " settings", monitor -> runs.settings(newStage))
                .quiet()
                .onSuccess(settings -> {
                    if (newStage.equals(stage.get())) {
                        rows.setAll(settings.stream().map(s -> new Row(s, new SimpleStringProperty(s.defaultText()))).toList());
                    }
                })
                .onFailure(e -> error.set(e.getMessage()))
                .executeWith(executor);
    }

    /** The edited values, key to text. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        rows.forEach(row -> values.put(row.setting().key(), row.text().get()));
        return values;
    }

    /** Validates with the engine and shows the resolved spec (or why it was refused). */
    public void check() {
        check(() -> { }, () -> { });
    }

    /** Validates with the engine, then calls {@code whenValid} or {@code whenRefused}. */
    public void check(Runnable whenValid, Runnable whenRefused) {
        String current = stage.get();
        if (current == null) {
            whenRefused.run();
            return;
        }
        Map<String, String> values = values();
        BackgroundTask.of("Checking settings", monitor -> runs.resolve(current, values))
                .quiet()
                .onSuccess(spec -> {
                    resolvedSpec.set(spec);
                    error.set("");
                    whenValid.run();
                })
                .onFailure(e -> {
                    failed(e);
                    whenRefused.run();
                })
                .executeWith(executor);
    }

    private void failed(Throwable e) {
        resolvedSpec.set("");
        error.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }


    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<String> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resolvedSpecProperty() {
        return resolvedSpec.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
