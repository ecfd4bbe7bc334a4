package com.pokegen.engine.train;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives every event a run logs (the same objects written to events.jsonl). */
@FunctionalInterface
public interface TrainingListener {

    void onEvent(ObjectNode event);

    TrainingListener NONE = e -> { };
}
