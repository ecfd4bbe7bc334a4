package com.pokegen.app.training;

import java.util.Map;
import java.util.Objects;

/**
 * One line of a run's {@code events.jsonl}, as written by the engine's training loops.
 *
 * @param kind           what happened
 * @param step           optimizer step the event belongs to (0 when absent)
 * @param elapsedSeconds wall time since the run started (NaN when absent)
 * @param losses         named loss terms of a train event, in file order (empty otherwise)
 * @param samplesPerSecond throughput of a train event (NaN when absent)
 * @param path           {@code samples} of a sample event or {@code path} of a checkpoint, relative to the run
 * @param message        text of a warning or error event
 */
public record TrainingEvent(Kind kind, long step, double elapsedSeconds, Map<String, Double> losses,
                            double samplesPerSecond, String path, String message) {

    /** Event kinds; anything unrecognised is {@link #OTHER} and ignored by the dashboard. */
    public enum Kind {
        TRAIN, SAMPLE, CHECKPOINT, WARNING, ERROR, DONE, STOPPED, OTHER
    }

    public TrainingEvent {
        Objects.requireNonNull(kind, "kind");
        losses = losses == null ? Map.of() : losses;
    }
}
