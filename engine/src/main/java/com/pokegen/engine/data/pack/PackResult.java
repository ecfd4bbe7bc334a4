package com.pokegen.engine.data.pack;

import java.nio.file.Path;
import java.util.List;

/**
 * What a pack run produced.
 *
 * @param dir the imagefolder ({@code images/*.png} + {@code metadata.jsonl}), readable by the importer
 * @param images pictures in it
 * @param built false when an up-to-date pack was already there
 * @param downloads tarballs downloaded during this run (0 once the cache is filled)
 * @param skipped SVGs left out, each with the reason
 */
public record PackResult(Path dir, int images, boolean built, int downloads, List<String> skipped) {}
