package com.pokegen.engine.pipeline;

/** Hears about a generation's progress; called on the generating thread after each step. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    /**
     * @param done denoising steps finished so far (over all batches of the request)
     * @param total steps the whole request takes
     */
    void onStep(int done, int total);
}
