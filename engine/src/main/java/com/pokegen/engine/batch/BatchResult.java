package com.pokegen.engine.batch;

import java.nio.file.Path;

/**
 * What a batch run did.
 *
 * @param images images of the batch (prompts × seeds)
 * @param rendered images this run rendered
 * @param skipped images the manifest already held
 * @param renderNanos wall time spent rendering
 * @param curation flags over the whole manifest
 * @param gallery the gallery's index page
 */
public record BatchResult(int images, int rendered, int skipped, long renderNanos, Curation curation, Path gallery) {

    /** Rendered images per second of this run (0 when nothing was rendered). */
    public double imagesPerSecond() {
        return rendered == 0 ? 0 : rendered / (renderNanos / 1e9);
    }
}
