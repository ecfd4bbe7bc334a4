package com.pokegen.app.task;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds submitted tasks until the test runs them, so tests can observe which tasks were
 * cancelled before they ran. Cancelling a queued task fires its cancel callback at once (as the
 * FX executor does); running the queue runs the others on the current thread.
 */
public final class QueuedTaskExecutor implements TaskExecutor {

    private final class Queued implements TaskHandle {
        final BackgroundTask<?> task;
        final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(true);
        boolean cancelled;
        TaskHandle ran;

        Queued(BackgroundTask<?> task) {
            this.task = task;
        }

        @Override
        public String title() {
            return task.title();
        }

        @Override
        public boolean isVisible() {
            return task.isVisible();
        }

        @Override
        public ReadOnlyDoubleProperty progressProperty() {
            return new ReadOnlyDoubleWrapper(-1).getReadOnlyProperty();
        }

        @Override
        public ReadOnlyStringProperty messageProperty() {
            return new ReadOnlyStringWrapper("").getReadOnlyProperty();
        }

        @Override
        public ReadOnlyBooleanProperty activeProperty() {
            return active.getReadOnlyProperty();
        }

        @Override
        public boolean cancel() {
            if (!active.get()) {
                return false;
            }
            cancelled = true;
            active.set(false);
            queue.remove(this);
            cancelledCount++;
            cancelCallback(task);
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    private final List<Queued> queue = new ArrayList<>();
    private final CurrentThreadTaskExecutor runner = new CurrentThreadTaskExecutor();
    private int cancelledCount;

    @Override
    public <T> TaskHandle submit(BackgroundTask<T> task) {
        Queued queued = new Queued(task);
        queue.add(queued);
        return queued;
    }

    @Override
    public ObservableList<TaskHandle> activeTasks() {
        return FXCollections.observableArrayList(queue);
    }

    /** Runs every queued task (and tasks they submit) in order. */
    public void runAll() {
        while (!queue.isEmpty()) {
            Queued next = queue.remove(0);
            next.active.set(false);
            runner.submit(next.task);
        }
    }

    public int queuedCount() {
        return queue.size();
    }

    public int cancelledCount() {
        return cancelledCount;
    }

    private static void cancelCallback(BackgroundTask<?> task) {
        task.cancelled();
    }
}
