package com.pokegen.app.task;

import java.time.Duration;
import java.util.Objects;

/** Runs an action once the triggers stop for {@code delay}: each trigger restarts the wait. */
public final class Debouncer {

    private final UiScheduler scheduler;
    private final Duration delay;
    private final Runnable action;
    private Cancellable pending;

    public Debouncer(UiScheduler scheduler, Duration delay, Runnable action) {
        this.scheduler = Objects.requireNonNull(scheduler);
        this.delay = Objects.requireNonNull(delay);
        this.action = Objects.requireNonNull(action);
    }

    public void trigger() {
        cancel();
        pending = scheduler.schedule(delay, this::fire);
    }

    /** Runs the pending action now, if any (e.g. before navigating away). */
    public void flush() {
        if (pending != null) {
            cancel();
            action.run();
        }
    }

    public void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    public boolean isPending() {
        return pending != null;
    }

    private void fire() {
        pending = null;
        action.run();
    }
}
