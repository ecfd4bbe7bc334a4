package com.pokegen.app.service;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * One image of a dataset as the app shows it.
 *
 * @param id        stable identifier within the dataset (e.g. the file name without folder)
 * @param imagePath absolute path of the image file
 * @param caption   current caption (never null, may be empty)
 * @param flags     cleaning flags raised by the engine, e.g. "duplicate", "blurry", "no-caption"
 * @param excluded  true when the user excluded the item from training
 */
public record DatasetItem(String id, Path imagePath, String caption, Set<String> flags, boolean excluded) {

    public DatasetItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(imagePath, "imagePath");
        caption = caption == null ? "" : caption;
        flags = flags == null ? Set.of() : Set.copyOf(flags);
    }

    public DatasetItem withCaption(String newCaption) {
        return new DatasetItem(id, imagePath, newCaption, flags, excluded);
    }

    public DatasetItem withExcluded(boolean newExcluded) {
        return new DatasetItem(id, imagePath, caption, flags, newExcluded);
    }
}
