package com.pokegen.app.task;

import java.time.Duration;

/**
 * Timers whose actions run on the FX thread. Injected so view models can debounce and poll, and
 * tests can drive time by hand.
 */
public interface UiScheduler {

    /** Runs {@code action} once after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable action);

    /** Runs {@code action} every {@code period}, first after one period. */
    Cancellable scheduleRepeating(Duration period, Runnable action);
}
