package com.pokegen.app.service;

import java.util.concurrent.CancellationException;

/**
 * How long-running service calls report progress and learn that the user cancelled them.
 * Implementations are thread-safe; services call them from a worker thread.
 */
public interface ProgressMonitor {

    /** A monitor that ignores progress and is never cancelled (for quick calls and tests). */
    ProgressMonitor NONE = new ProgressMonitor() {
        @Override
        public void progress(long done, long total, String message) {
            // nobody is listening
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * Reports {@code done} of {@code total} units; {@code total <= 0} means indeterminate.
     * Cheap to call per item: the UI coalesces updates.
     */
    void progress(long done, long total, String message);

    /** True once the user asked to stop; long loops check this between items. */
    boolean isCancelled();

    /** Throws {@link CancellationException} if cancelled, so loops can stop with one call. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled by the user");
        }
    }
}
