package com.pokegen.app.generate;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.dialog.ErrorMessages;
import com.pokegen.app.service.GalleryEntry;
import com.pokegen.app.service.GalleryService;
import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.TaskExecutor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The gallery beside the prompt canvas: every image the studio made, newest first, filtered by
 * words of the prompt. One image can be restored (its settings go back into the canvas); several
 * can be saved elsewhere (enlarged), deleted, or compared side by side.
 */
public final class GalleryViewModel {

    /** Images compared side by side at most. */
    static final int MAX_COMPARED = 6;

    private final GalleryService gallery;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Consumer<GeneratedImage> restorer;
    private final IntSupplier saveScale;
    private final ImageSaver saver;

    private final ObservableList<GalleryEntry> entries = FXCollections.observableArrayList();
    private final FilteredList<GalleryEntry> shown = new FilteredList<>(entries);
    private final ObservableList<GalleryEntry> selected = FXCollections.observableArrayList();
    private final ObservableList<GeneratedImage> compared = FXCollections.observableArrayList();
    private final ObservableList<GeneratedImage> comparedView = FXCollections.unmodifiableObservableList(compared);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    /**
     * @param restorer  puts an image's settings back into the canvas
     * @param saveScale the factor saved images are enlarged by
     */
    public GalleryViewModel(GalleryService gallery, TaskExecutor executor, DialogService dialogs,
                            Consumer<GeneratedImage> restorer, IntSupplier saveScale) {
        this.gallery = gallery;
        this.executor = executor;
        this.dialogs = dialogs;
        this.restorer = restorer;
        this.saveScale = saveScale;
        this.saver = new ImageSaver(gallery, executor, dialogs);
        folder.set(gallery.folder());
        filter.addListener((obs, old, text) -> {
            String[] words = text.toLowerCase(Locale.ROOT).strip().split("\\s+");
            shown.setPredicate(entry -> matches(entry, words));
        });
    }

    private static boolean matches(GalleryEntry entry, String[] words) {
        String prompt = entry.request().prompt().toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (!prompt.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** Reads the gallery folder in the background. */
    public void reload() {
        status.set("Reading the gallery…");
        BackgroundTask.of("Reading the gallery", gallery::list)
                .onSuccess(found -> {
                    entries.setAll(found);
                    status.set(count(found.size()) + " in " + gallery.folder());
                })
                .onFailure(error -> status.set("Could not read the gallery: " + ErrorMessages.describe(error)))
                .executeWith(executor);
    }

    /** Shows images just kept (newest first) at the top. */
    public void added(List<GalleryEntry> kept) {
        entries.addAll(0, kept);
        status.set(count(entries.size()) + " in " + gallery.folder());
    }

    /** Asks for another gallery folder; new images go there and its images are shown. */
    public void chooseFolder() {
        dialogs.chooseDirectory("Gallery folder", gallery.folder()).ifPresent(dir -> {
            gallery.useFolder(dir);
            folder.set(gallery.folder());
            reload();
        });
    }

    /** Puts the image's settings back into the canvas and shows it there. */
    public void restore(GalleryEntry entry) {
        BackgroundTask.of("Opening " + entry.png().getFileName(), monitor -> gallery.open(entry))
                .quiet()
                .onSuccess(restorer)
                .onFailure(error -> dialogs.showError("Could not open " + entry.png().getFileName(), error))
                .executeWith(executor);
    }

    /** Asks for a folder and saves the selected images there, enlarged, with their settings. */
    public void saveSelected() {
        List<GalleryEntry> chosen = List.copyOf(selected);
        if (chosen.isEmpty()) {
            return;
        }
        dialogs.chooseDirectory("Save selected images", null)
                .ifPresent(dir -> saver.saveEntries(chosen, dir, saveScale.getAsInt()));
    }

    /** Deletes the selected images (PNG and sidecar) from the gallery folder. */
    public void deleteSelected() {
        List<GalleryEntry> chosen = List.copyOf(selected);
        if (chosen.isEmpty()) {
            return;
        }
        BackgroundTask.of("Deleting " + count(chosen.size()), monitor -> {
                    for (GalleryEntry entry : chosen) {
                        monitor.checkCancelled();
                        gallery.delete(entry);
                    }
                    return chosen;
                })
                .onSuccess(deleted -> {
                    entries.removeAll(deleted);
                    compared.removeIf(image -> deleted.stream().anyMatch(d -> d.request().equals(image.request())));
                    status.set("Deleted " + count(deleted.size()));
                })
                .onFailure(error -> dialogs.showError("Could not delete from the gallery", error))
                .executeWith(executor);
    }

    /** Shows the selected images (up to {@value #MAX_COMPARED}) side by side. */
    public void compareSelected() {
        List<GalleryEntry> chosen = selected.stream().limit(MAX_COMPARED).toList();
        if (chosen.isEmpty()) {
            return;
        }
        BackgroundTask.of("Opening " + count(chosen.size()), monitor -> {
                    List<GeneratedImage> opened = new ArrayList<>();
                    for (GalleryEntry entry : chosen) {
                        opened.add(gallery.open(entry));
                    }
                    return opened;
                })
                .quiet()
                .onSuccess(compared::setAll)
                .onFailure(error -> dialogs.showError("Could not open the images", error))
                .executeWith(executor);
    }

    public void closeComparison() {
        compared.clear();
    }

    private static String count(int images) {
        return images + (images == 1 ? " image" : " images");
    }

    /** Words every shown image's prompt contains. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The images the filter lets through, newest first. */
    public ObservableList<GalleryEntry> shown() {
        return shown;
    }

    /** The images the designer selected (the view keeps this in step with its selection). */
    public ObservableList<GalleryEntry> selected() {
        return selected;
    }

    /** Images shown side by side; empty when not comparing. */
    public ObservableList<GeneratedImage> compared() {
        return comparedView;
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
