package com.pokegen.engine.train;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the training loop reads from every stage's config record (VAE, teacher, ADD). */
public interface StageConfig {

    /** The resolved settings, as written to the run's {@code spec.json}. */
    ObjectNode toJson();

    /** Optimiser updates in the whole run. */
    int steps();

    /** Log every N updates. */
    int logEvery();

    /** Sample grid every N updates (0 = never). */
    int sampleEvery();

    /** Checkpoint every N updates (0 = only at the end). */
    int checkpointEvery();
}
