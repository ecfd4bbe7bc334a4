package com.pokegen.engine.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The shipped student and snapshots of batch folders, for comparing runs byte by byte. */
final class BatchFolders {

    static final Path STUDENT = Path.of("../models/pokemon-tiny-student");

    private BatchFolders() {}

    /**
     * What a finished batch folder holds: each PNG's SHA-256 by file name, and the manifest's lines
     * sorted (lanes append in completion order).
     */
    record Snapshot(Map<String, String> images, List<String> manifest) {}

    static Snapshot snapshot(Path batch) throws IOException {
        Map<String, String> images = new TreeMap<>();
        try (Stream<Path> files = Files.list(batch.resolve(BatchItem.IMAGES))) {
            for (Path f : files.toList()) {
                images.put(f.getFileName().toString(), ImageRenderer.sha256(Files.readAllBytes(f)));
            }
        }
        List<String> lines = Files.readAllLines(batch.resolve(Manifest.FILE)).stream().sorted().toList();
        return new Snapshot(images, lines);
    }
}
