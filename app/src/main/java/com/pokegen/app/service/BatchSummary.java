package com.pokegen.app.service;

import java.nio.file.Path;

/**
 * What a batch run did.
 *
 * @param images   images of the batch (prompts × seeds)
 * @param rendered images this run drew (the rest were already in the folder)
 * @param flagged  near-duplicates and off-brief colours the curation found
 * @param gallery  the batch's HTML gallery index
 */
public record BatchSummary(int images, int rendered, int flagged, Path gallery) {
}
