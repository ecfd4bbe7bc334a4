package com.pokegen.app.task;

import com.pokegen.app.service.ProgressMonitor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks as {@link javafx.concurrent.Task}s on an executor service. Progress and messages
 * go through the Task's own coalescing updates (one FX pulse per burst, not one per item).
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FxTaskExecutor.class.getName());

    private final ExecutorService executor;
    private final ObservableList<TaskHandle> active = FXCollections.observableArrayList();
    private final ObservableList<TaskHandle> activeView = FXCollections.unmodifiableObservableList(active);

    public FxTaskExecutor(ExecutorService executor) {
        this.executor = executor;
    }

    /** A pool of {@code threads} daemon workers named {@code name-N}. */
    public static FxTaskExecutor withThreads(String name, int threads) {
        return new FxTaskExecutor(Executors.newFixedThreadPool(threads, daemonThreads(name)));
    }

    /** One daemon worker: tasks run one at a time in submission order. */
    public static FxTaskExecutor serial(String name) {
        return new FxTaskExecutor(Executors.newSingleThreadExecutor(daemonThreads(name)));
    }

    @Override
    public <T> TaskHandle submit(BackgroundTask<T> task) {
        FxTask<T> fxTask = new FxTask<>(task);
        fxTask.setOnSucceeded(event -> finish(fxTask, () -> task.succeeded(fxTask.getValue())));
        fxTask.setOnCancelled(event -> finish(fxTask, task::cancelled));
        fxTask.setOnFailed(event -> finish(fxTask, () -> {
            Throwable error = fxTask.getException();
            LOG.log(Level.DEBUG, "Task '" + task.title() + "' failed", error);
            task.failed(error);
        }));
        if (Platform.isFxApplicationThread()) {
            active.add(fxTask);
        } else {
            Platform.runLater(() -> {
                if (fxTask.activeProperty().get()) {
                    active.add(fxTask);
                }
            });
        }
        try {
            executor.execute(fxTask);
        } catch (RejectedExecutionException e) {
            // closed (the app is shutting down): the task never runs, its cancel callback does
            fxTask.cancel();
        }
        return fxTask;
    }

    @Override
    public ObservableList<TaskHandle> activeTasks() {
        return activeView;
    }

    /** Stops accepting tasks and cancels running ones (they see isCancelled()). */
    @Override
    public void close() {
        // a copy: cancelling runs callbacks that remove tasks from the live list
        List.copyOf(active).forEach(TaskHandle::cancel);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finish(FxTask<?> fxTask, Runnable callback) {
        fxTask.stillActive.set(false);
        active.remove(fxTask);
        callback.run();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The javafx Task that runs one BackgroundTask; it is also the handle the UI observes. */
    private static final class FxTask<T> extends Task<T> implements TaskHandle {
        private final BackgroundTask<T> task;
        private final ReadOnlyBooleanWrapper stillActive = new ReadOnlyBooleanWrapper(this, "active", true);

        FxTask(BackgroundTask<T> task) {
            this.task = task;
            updateTitle(task.title());
        }

        @Override
        protected T call() throws Exception {
            return task.call(new ProgressMonitor() {
                @Override
                public void progress(long done, long total, String message) {
                    updateProgress(total > 0 ? done : -1, Math.max(total, 1));
                    if (message != null) {
                        updateMessage(message);
                    }
                }

                @Override
                public boolean isCancelled() {
                    return FxTask.this.isCancelled();
                }
            });
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
        public ReadOnlyBooleanProperty activeProperty() {
            return stillActive.getReadOnlyProperty();
        }

        /** Cooperative: the worker is never interrupted (native engine calls must not be torn down). */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return super.cancel(false);
        }
    }
}
