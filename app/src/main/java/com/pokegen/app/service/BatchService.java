package com.pokegen.app.service;

import java.io.IOException;

/**
 * Runs {@code pokegen batch} jobs: many images rendered into a folder with a manifest, curation
 * and an HTML gallery. Blocking (the app calls it on a worker thread); stops with a
 * {@link java.util.concurrent.CancellationException} once the monitor is cancelled (images
 * finished so far stay, and a later run with the same folder skips them).
 */
public interface BatchService {

    BatchSummary run(BatchOrder order, ProgressMonitor monitor) throws IOException;
}
