package com.pokegen.engine.batch;

import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.pipeline.ImageOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A batch's output folder: {@code manifest.jsonl}, {@code images/}, {@code curation.json} and
 * {@code gallery/}. Opening it checks it can be written and belongs to this model, and deletes
 * the temporary files of a killed run; {@link #todo} is what the manifest does not yet hold.
 */
public final class BatchFolder implements AutoCloseable {

    public static final String CURATION = "curation.json";

    private final Path dir;
    private final Manifest manifest;

    private BatchFolder(Path dir, Manifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    public static BatchFolder open(Path dir, String modelHash) throws IOException {
        ImageOutputs.checkWritable(dir);
        Path images = dir.resolve(BatchItem.IMAGES);
        Files.createDirectories(images);
        AtomicFiles.removeStaleTemps(images);
        return new BatchFolder(dir, Manifest.open(dir, modelHash));
    }

    /** The items of {@code all} without a manifest row and PNG, in order. */
    public List<BatchItem> todo(List<BatchItem> all) {
        return all.stream().filter(i -> !manifest.contains(i) || !Files.isRegularFile(dir.resolve(i.file()))).toList();
    }

    public Manifest manifest() {
        return manifest;
    }

    public Path dir() {
        return dir;
    }

    /** Flags the whole manifest, writes curation.json and the gallery; returns the flags. */
    public Curation finish() throws IOException {
        List<ManifestRow> rows = manifest.rows();
        Curation curation = Curation.of(rows);
        AtomicFiles.writeString(dir.resolve(CURATION), curation.toJson());
        Gallery.write(dir, rows, curation);
        return curation;
    }

    public Path gallery() {
        return dir.resolve(Gallery.INDEX);
    }

    @Override
    public void close() throws IOException {
        manifest.close();
    }
}
