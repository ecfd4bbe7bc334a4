package com.pokegen.app.evaluation;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.service.EvaluationRequest;
import com.pokegen.app.service.EvaluationService;
import com.pokegen.app.service.PairsRequest;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.TaskExecutor;
import com.pokegen.app.task.TaskHandle;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * Runs an evaluation from the window: student, optional teacher, dataset, number of prompts and
 * of seeds per prompt, and a seed; shows progress, can cancel (the engine leaves nothing behind),
 * and opens the report when done. Reports go to {@code <evals root>/eval-<time>}.
 */
public final class EvaluationRunViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final EvaluationService service;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Path evalsRoot;
    private final Consumer<Path> openReport;
    private final Consumer<Path> openPairs;
    private final StringProperty pairPrompts = new SimpleStringProperty("");
    private final ObjectProperty<Path> student = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> teacher = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> dataset = new SimpleObjectProperty<>();
    private final IntegerProperty promptCount = new SimpleIntegerProperty(8);
    private final IntegerProperty perPrompt = new SimpleIntegerProperty(2);
    private final StringProperty seed = new SimpleStringProperty("0");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a student and a dataset, then Run");
    private TaskHandle handle;

    public EvaluationRunViewModel(EvaluationService service, TaskExecutor executor, DialogService dialogs, Path evalsRoot,
                                  Consumer<Path> openReport) {
        this(service, executor, dialogs, evalsRoot, openReport, openReport);
    }

    /** @param openPairs shows a folder of freshly made A/B pairs */
    public EvaluationRunViewModel(EvaluationService service, TaskExecutor executor, DialogService dialogs, Path evalsRoot,
                                  Consumer<Path> openReport, Consumer<Path> openPairs) {
        this.service = service;
        this.executor = executor;
        this.dialogs = dialogs;
        this.evalsRoot = evalsRoot;
        this.openReport = openReport;
        this.openPairs = openPairs;
    }

    public void chooseStudent() {
        dialogs.chooseDirectory("Student model folder (or its run folder)", student.get()).ifPresent(student::set);
    }

    public void chooseTeacher() {
        dialogs.chooseDirectory("Teacher model folder (optional)", teacher.get()).ifPresent(teacher::set);
    }

    public void chooseDataset() {
        dialogs.chooseDirectory("Dataset folder (reference images and prompts)", dataset.get()).ifPresent(dataset::set);
    }

    /** Starts the evaluation in the background; the request is checked first. */
    public void run() {
        if (running.get()) {
            return;
        }
        EvaluationRequest request;
        try {
            long seedValue = Long.parseLong(seed.get().strip());
            if (student.get() == null || dataset.get() == null) {
                throw new IllegalArgumentException("Choose a student model and a dataset first");
            }
            Path out = evalsRoot.resolve("eval-" + LocalDateTime.now().format(TIME));
            request = new EvaluationRequest(student.get(), teacher.get(), dataset.get(), promptCount.get(), perPrompt.get(),
                    seedValue, out);
        } catch (NumberFormatException e) {
            status.set("The seed must be a whole number");
            return;
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        start("Evaluating " + request.student().getFileName() + "…", "Evaluating",
                monitor -> service.evaluate(request, monitor), "Done: ", openReport, "Evaluation failed: ",
                "The evaluation failed", "Cancelled: nothing was written");
    }

    /**
     * Has the engine draw the student and the teacher on the typed prompts (one a line, the chosen
     * seeds per prompt) into a new folder, then shows its pairs for voting.
     */
    public void makePairs() {
        if (running.get()) {
            return;
        }
        PairsRequest request;
        try {
            if (student.get() == null || teacher.get() == null) {
                throw new IllegalArgumentException("Choose a student and a teacher: the pairs compare them");
            }
            request = new PairsRequest(student.get(), teacher.get(), pairPrompts.get().lines().toList(), perPrompt.get(),
                    Long.parseLong(seed.get().strip()), evalsRoot.resolve("ab-" + LocalDateTime.now().format(TIME)));
        } catch (NumberFormatException e) {
            status.set("The seed must be a whole number");
            return;
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        start("Drawing A/B pairs…", "Drawing A/B pairs", monitor -> service.makePairs(request, monitor),
                "Pairs ready: ", openPairs, "Drawing pairs failed: ", "Could not make the A/B pairs", "Cancelled");
    }

    /** Runs one engine job making a folder, then hands the folder on; progress, cancel and status. */
    private void start(String startStatus, String title, BackgroundTask.Work<Path> work, String donePrefix,
            Consumer<Path> then, String failPrefix, String failDialog, String cancelled) {
        running.set(true);
        status.set(startStatus);
        handle = BackgroundTask.of(title, work)
                .onSuccess(folder -> {
                    finished(donePrefix + folder);
                    then.accept(folder);
                })
                .onFailure(error -> {
                    finished(failPrefix + (error.getMessage() == null ? error : error.getMessage()));
                    dialogs.showError(failDialog, error);
                })
                .onCancelled(() -> finished(cancelled))
                .executeWith(executor);
        if (running.get()) { // a synchronous executor has finished already
            progress.bind(handle.progressProperty());
        } else {
            handle = null;
        }
    }

    /** Prompts of the A/B pairs, one a line. */
    public StringProperty pairPromptsProperty() {
        return pairPrompts;
    }

    public void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    private void finished(String message) {
        progress.unbind();
        progress.set(0);
        running.set(false);
        status.set(message);
        handle = null;
    }

    public ObjectProperty<Path> studentProperty() {
        return student;
    }

    public ObjectProperty<Path> teacherProperty() {
        return teacher;
    }

    public ObjectProperty<Path> datasetProperty() {
        return dataset;
    }

    public IntegerProperty promptCountProperty() {
        return promptCount;
    }

    public IntegerProperty perPromptProperty() {
        return perPrompt;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Fraction done of the current stage, -1 while indeterminate. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
