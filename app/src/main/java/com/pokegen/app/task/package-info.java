/**
 * Background work: {@code TaskExecutor} runs {@code BackgroundTask}s off the FX thread and
 * delivers callbacks on it ({@code FxTaskExecutor}; {@code CurrentThreadTaskExecutor} for tests),
 * with handles, cancellation, a debouncer and a UI scheduler.
 *
 * <p>May use: {@code service} (its progress types), JavaFX and the JDK; never the engine.
 */
package com.pokegen.app.task;
