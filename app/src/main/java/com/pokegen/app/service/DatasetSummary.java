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
 */
public record DatasetSummary(Path folder, String name, List<DatasetItem> items, boolean canUndo, boolean canRedo) {

    public DatasetSummary {
        items = List.copyOf(items);
    }
}
