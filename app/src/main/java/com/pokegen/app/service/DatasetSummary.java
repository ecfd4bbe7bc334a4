package com.pokegen.app.service;

import java.nio.file.Path;
import java.util.List;

/**
 * What opening a dataset folder produced.
 *
 * @param folder   the dataset folder
 * @param name     display name
 * @param items    all items in a stable order
 * @param canUndo  whether an earlier session left undoable edits
 * @param canRedo  whether redo is possible
 * @param notice   what the person should know about the import (images without captions), or empty
 */
public record DatasetSummary(Path folder, String name, List<DatasetItem> items, boolean canUndo, boolean canRedo,
                             String notice) {

    public DatasetSummary {
        items = List.copyOf(items);
        notice = notice == null ? "" : notice;
    }

    public DatasetSummary(Path folder, String name, List<DatasetItem> items, boolean canUndo, boolean canRedo) {
        this(folder, name, items, canUndo, canRedo, "");
    }
}
