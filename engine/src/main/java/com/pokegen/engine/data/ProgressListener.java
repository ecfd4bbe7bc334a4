package com.pokegen.engine.data;

/**
 * Receives progress of a long data operation (import, clean, pack build, cache build) so a UI
 * or the CLI can show it. Called on the worker's thread; implementations must be quick.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (stage, done, total) -> { };

    /**
     * @param stage short name of the current stage ("read", "decode", "clean", ...)
     * @param done units finished in this stage
     * @param total units in this stage, or -1 when unknown
     */
    void progress(String stage, long done, long total);
}
