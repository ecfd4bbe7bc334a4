package com.pokegen.app.training;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.service.RunInfo;
import com.pokegen.app.service.RunService;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.Cancellable;
import com.pokegen.app.task.TaskExecutor;
import com.pokegen.app.task.UiScheduler;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;

/**
 * The run folders and whether a run of this studio trains, re-read on a worker every
 * {@link #PERIOD} (one listing in flight at a time), so new and changed run folders show up by
 * themselves. The list changes only when the listing differs, so a selection survives.
 */
final class RunList {

    static final Duration PERIOD = Duration.ofSeconds(2);

    private final RunService runs;
    private final TaskExecutor executor;
    private final UiScheduler scheduler;
    private final DialogService dialogs;
    private final ObservableList<RunInfo> list = FXCollections.observableArrayList();
    /** One wrapper for good: unmodifiable views hold their listeners weakly. */
    private final ObservableList<RunInfo> listView = FXCollections.unmodifiableObservableList(list);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private Cancellable watching;
    private boolean inFlight;

    private record Listing(List<RunInfo> runs, boolean busy) {}

    RunList(RunService runs, TaskExecutor executor, UiScheduler scheduler, DialogService dialogs) {
        this.runs = runs;
        this.executor = executor;
        this.scheduler = scheduler;
        this.dialogs = dialogs;
    }

    void refresh() {
        if (inFlight) {
            return;
        }
        inFlight = true;
        BackgroundTask.of("Listing runs", monitor -> new Listing(runs.listRuns(), runs.busy()))
                .quiet()
                .onSuccess(listing -> {
                    inFlight = false;
                    if (!list.equals(listing.runs())) {
                        list.setAll(listing.runs());
                    }
                    busy.set(listing.busy());
                })
                .onFailure(error -> {
                    inFlight = false;
                    dialogs.showError("Could not list the runs", error);
                })
                .onCancelled(() -> inFlight = false)
                .executeWith(executor);
    }

    void watch() {
        if (watching == null) {
            watching = scheduler.scheduleRepeating(PERIOD, this::refresh);
        }
    }

    void stop() {
        if (watching != null) {
            watching.cancel();
            watching = null;
        }
    }

    /** A run was just started here: busy until a listing says otherwise. */
    void started() {
        busy.set(true);
    }

    ObservableList<RunInfo> runs() {
        return listView;
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
