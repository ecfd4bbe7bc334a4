package com.pokegen.engine.data;

/**
 * Receives progress of a long operation (dataset import, clean, pack build, cache build; the
 * pipeline's denoising steps) so a UI or the CLI can show it. Called on the worker's thread;
 * implementations must be quick.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (stage, done, total) -> { };

    /** The stage a generation reports after each denoising step (over all batches of the request). */
    String DENOISE = "denoise";

    /**
     * @param stage short name of the current stage ("read", "decode", "clean", ...)
     * @param done units finished in this stage
     * @param total units in this stage, or -1 when unknown
     */
    void progress(String stage, long done, long total);
}
