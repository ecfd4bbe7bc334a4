/**
 * The training page: start runs and follow their {@code events.jsonl} as it grows
 * ({@code TrainingView}, {@code TrainingViewModel}, {@code EventsTailer}, {@code EventsParser},
 * {@code RunStatus}, {@code TrainingEvent}, {@code Durations}).
 *
 * <p>May use: {@code service}, {@code task}, {@code dialog} and {@code view}; never the engine.
 */
package com.pokegen.app.training;
