package com.pokegen.app.task;

import com.pokegen.app.service.ProgressMonitor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.CancellationException;

/**
 * Runs each task to completion inside {@link #submit}, callbacks included. For view-model tests:
 * no FX toolkit, no threads, deterministic order.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    private final ObservableList<TaskHandle> active = FXCollections.observableArrayList();
    /** One wrapper for good: unmodifiable views hold their listeners weakly. */
    private final ObservableList<TaskHandle> activeView = FXCollections.unmodifiableObservableList(active);

    @Override
    public <T> TaskHandle submit(BackgroundTask<T> task) {
        Handle handle = new Handle(task.title(), task.isVisible());
        active.add(handle);
        T result;
        try {
            result = task.call(handle);
        } catch (CancellationException e) {
            handle.finish();
            task.cancelled();
            return handle;
        } catch (Exception e) {
            handle.finish();
            task.failed(e);
            return handle;
        }
        handle.finish();
        if (handle.cancelled) {
            task.cancelled();
        } else {
            task.succeeded(result);
        }
        return handle;
    }

    @Override
    public ObservableList<TaskHandle> activeTasks() {
        return activeView;
    }

    private final class Handle implements TaskHandle, ProgressMonitor {
        private final String title;
        private final boolean visible;
        private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
        private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
        private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(true);
        private volatile boolean cancelled;

        Handle(String title, boolean visible) {
            this.title = title;
            this.visible = visible;
        }

        void finish() {
            running.set(false);
            active.remove(this);
        }

        @Override
        public void progress(long done, long total, String text) {
            progress.set(total > 0 ? (double) done / total : -1);
            if (text != null) {
                message.set(text);
            }
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public boolean isVisible() {
            return visible;
        }

        @Override
        public ReadOnlyDoubleProperty progressProperty() {
            return progress.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyStringProperty messageProperty() {
            return message.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyBooleanProperty activeProperty() {
            return running.getReadOnlyProperty();
        }

        @Override
        public boolean cancel() {
            if (!running.get()) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
