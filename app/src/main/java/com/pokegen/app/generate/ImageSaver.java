package com.pokegen.app.generate;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.service.GalleryEntry;
import com.pokegen.app.service.GalleryService;
import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.TaskExecutor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Saves images (PNG enlarged by a whole factor, plus settings sidecar) in the background, with
 * progress, cancel, a notice when done and an error dialog when not. Shared by the canvas's Save
 * buttons and the gallery's.
 */
final class ImageSaver {

    /** Produces the {@code i}-th image to save (gallery entries are read from disk first). */
    @FunctionalInterface
    private interface Source {
        GeneratedImage image(int i) throws IOException;
    }

    private final GalleryService gallery;
    private final TaskExecutor executor;
    private final DialogService dialogs;

    ImageSaver(GalleryService gallery, TaskExecutor executor, DialogService dialogs) {
        this.gallery = gallery;
        this.executor = executor;
        this.dialogs = dialogs;
    }

    /** Writes {@code images.get(i)} to {@code files.get(i)}. */
    void save(List<GeneratedImage> images, List<Path> files, int scale) {
        List<GeneratedImage> copy = List.copyOf(images);
        run(copy::get, List.copyOf(files), scale);
    }

    /** Copies gallery entries into {@code dir}, keeping their file names. */
    void saveEntries(List<GalleryEntry> entries, Path dir, int scale) {
        List<GalleryEntry> copy = List.copyOf(entries);
        run(i -> gallery.open(copy.get(i)), copy.stream().map(e -> dir.resolve(e.png().getFileName())).toList(), scale);
    }

    private void run(Source source, List<Path> files, int scale) {
        Path dir = files.get(0).toAbsolutePath().getParent();
        BackgroundTask.of("Saving " + (files.size() == 1 ? "1 image" : files.size() + " images"), monitor -> {
                    for (int i = 0; i < files.size(); i++) {
                        monitor.checkCancelled();
                        monitor.progress(i, files.size(), "Saving " + files.get(i).getFileName());
                        gallery.save(source.image(i), files.get(i), scale);
                    }
                    return files;
                })
                .onSuccess(saved -> dialogs.notify(saved.size() == 1
                        ? "Saved " + saved.get(0).getFileName() + " and its settings"
                        : "Saved " + saved.size() + " images and their settings to " + dir))
                .onFailure(error -> dialogs.showError("Could not save to " + dir, error))
                .executeWith(executor);
    }
}
