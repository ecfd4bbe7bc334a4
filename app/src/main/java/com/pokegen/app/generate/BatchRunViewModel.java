package com.pokegen.app.generate;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.dialog.ErrorMessages;
import com.pokegen.app.service.BatchOrder;
import com.pokegen.app.service.BatchService;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.TaskExecutor;
import com.pokegen.app.task.TaskHandle;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A {@code pokegen batch} run started from the Generate page: the canvas's prompt with
 * {@link #seedsProperty()} seeds from the canvas's seed, drawn by the student with the canvas's
 * student steps into a folder the
 * designer picks (manifest, curation and HTML gallery included). Shows progress; can be cancelled,
 * and a rerun into the same folder skips the images already drawn.
 */
public final class BatchRunViewModel {

    private final BatchService batches;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Supplier<String> prompt;
    private final LongSupplier firstSeed;
    private final IntSupplier steps;

    private final IntegerProperty seeds = new SimpleIntegerProperty(16);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private TaskHandle run;

    public BatchRunViewModel(BatchService batches, TaskExecutor executor, DialogService dialogs,
                             Supplier<String> prompt, LongSupplier firstSeed, IntSupplier steps) {
        this.batches = batches;
        this.executor = executor;
        this.dialogs = dialogs;
        this.prompt = prompt;
        this.firstSeed = firstSeed;
        this.steps = steps;
    }

    /** Asks for the output folder, then starts the run in the background. */
    public void start() {
        String text = prompt.get().strip();
        if (running.get()) {
            return;
        }
        if (text.isEmpty()) {
            status.set("Type a prompt first: the batch draws it");
            return;
        }
        dialogs.chooseDirectory("Batch output folder", null).ifPresent(out -> {
            BatchOrder order = new BatchOrder(List.of(text), firstSeed.getAsLong(), seeds.get(), steps.getAsInt(), out);
            running.set(true);
            progress.set(0);
            status.set("Batch: starting…");
            run = BackgroundTask.of("Batch of " + order.seeds() + " images", monitor -> batches.run(order, monitor))
                    .onSuccess(summary -> finish("Batch done: " + summary.rendered() + " of " + summary.images()
                            + " images drawn, " + summary.flagged() + " flagged · gallery " + summary.gallery()))
                    .onFailure(error -> finish("Batch failed: " + ErrorMessages.describe(error)))
                    .onCancelled(() -> finish("Batch cancelled: the images drawn so far stay in " + out
                            + "; run it again to finish"))
                    .executeWith(executor);
            if (running.get()) {
                progress.bind(run.progressProperty());
                run.messageProperty().addListener((obs, old, message) -> {
                    if (running.get() && message != null && !message.isEmpty()) {
                        status.set("Batch: " + message);
                    }
                });
            }
        });
    }

    /** Stops the run after the images in flight. */
    public void cancel() {
        if (run != null) {
            run.cancel();
        }
    }

    private void finish(String message) {
        progress.unbind();
        running.set(false);
        status.set(message);
    }

    /** Images to draw (seeds from the canvas's seed on). */
    public IntegerProperty seedsProperty() {
        return seeds;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Fraction done, -1 while indeterminate. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
