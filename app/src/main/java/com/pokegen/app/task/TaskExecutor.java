package com.pokegen.app.task;

import javafx.collections.ObservableList;

/**
 * Runs {@link BackgroundTask}s off the FX thread and delivers their callbacks on it.
 * View models receive one through their constructor; tests pass a {@link CurrentThreadTaskExecutor}.
 */
public interface TaskExecutor {

    <T> TaskHandle submit(BackgroundTask<T> task);

    /** Tasks submitted and not finished yet, oldest first (an unmodifiable FX-thread list). */
    ObservableList<TaskHandle> activeTasks();
}
