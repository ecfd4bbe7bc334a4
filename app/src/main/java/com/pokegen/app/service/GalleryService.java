package com.pokegen.app.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The studio's gallery: every image made on the Generate page, kept as a PNG with a JSON sidecar
 * (prompt, seed, steps, guidance, model, LoRA) in one folder; and saving images elsewhere, optionally
 * enlarged. Blocking calls (the app calls them on worker threads); thread-safe.
 */
public interface GalleryService {

    /** The gallery folder new images go to. */
    Path folder();

    /** Keeps new images in {@code folder} from now on (created when the first image is kept). */
    void useFolder(Path folder);

    /** Writes the image and its sidecar into the gallery folder. */
    GalleryEntry keep(GeneratedImage image) throws IOException;

    /** The gallery's images, newest first; files without a readable sidecar are skipped. */
    List<GalleryEntry> list(ProgressMonitor monitor) throws IOException;

    /** The PNG bytes of an entry, with its settings. */
    GeneratedImage open(GalleryEntry entry) throws IOException;

    /** Deletes an entry's PNG and sidecar. */
    void delete(GalleryEntry entry) throws IOException;

    /**
     * Writes {@code image} to {@code png}, enlarged {@code scale} times with nearest-neighbour
     * sampling (1 keeps the bytes as they are), and its sidecar next to it ({@code name.json}).
     */
    void save(GeneratedImage image, Path png, int scale) throws IOException;
}
