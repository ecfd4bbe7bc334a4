package com.pokegen.engine.batch;

/** Hears about a batch's progress; called on a rendering thread after each image's row is written. */
@FunctionalInterface
public interface BatchListener {

    BatchListener NONE = (done, total, elapsedNanos) -> { };

    /**
     * @param done images rendered by this run so far
     * @param total images this run renders (the batch minus what the manifest already held)
     * @param elapsedNanos since this run started rendering
     */
    void onImage(int done, int total, long elapsedNanos);
}
