package com.pokegen.app.task;

import com.pokegen.app.service.ProgressMonitor;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A unit of background work plus what to do with its outcome. The work runs on a worker thread;
 * the callbacks run on the FX thread (or the calling thread with {@link CurrentThreadTaskExecutor}).
 *
 * <pre>{@code
 * BackgroundTask.of("Opening dataset", monitor -> service.open(folder, monitor))
 *         .onSuccess(this::show)
 *         .onFailure(error -> dialogs.showError("Could not open the dataset", error))
 *         .executeWith(executor);
 * }</pre>
 *
 * @param <T> the result type
 */
public final class BackgroundTask<T> {

    /** The work itself; it may report progress and should stop when the monitor is cancelled. */
    @FunctionalInterface
    public interface Work<T> {
        T call(ProgressMonitor monitor) throws Exception;
    }

    private final String title;
    private final Work<T> work;
    private boolean visible = true;
    private Consumer<? super T> onSuccess = result -> { };
    private Consumer<Throwable> onFailure = error -> { };
    private Runnable onCancelled = () -> { };

    private BackgroundTask(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title, "title");
        this.work = Objects.requireNonNull(work, "work");
    }

    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Throwable> callback) {
        this.onFailure = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback);
        return this;
    }

    /** Keeps the task out of the status bar (short or very frequent work such as previews). */
    public BackgroundTask<T> quiet() {
        this.visible = false;
        return this;
    }

    public TaskHandle executeWith(TaskExecutor executor) {
        return executor.submit(this);
    }

    public String title() {
        return title;
    }

    public boolean isVisible() {
        return visible;
    }

    T call(ProgressMonitor monitor) throws Exception {
        return work.call(monitor);
    }

    void succeeded(T result) {
        onSuccess.accept(result);
    }

    void failed(Throwable error) {
        onFailure.accept(error);
    }

    void cancelled() {
        onCancelled.run();
    }
}
