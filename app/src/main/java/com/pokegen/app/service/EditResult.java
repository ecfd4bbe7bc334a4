package com.pokegen.app.service;

import java.util.List;

/**
 * The outcome of one journaled edit (or of an undo/redo).
 *
 * @param changed     items whose state changed, in their new state (empty if nothing happened)
 * @param description what the edit did, for the status line ("Edited caption of 0025")
 * @param canUndo     whether another undo is possible afterwards
 * @param canRedo     whether a redo is possible afterwards
 */
public record EditResult(List<DatasetItem> changed, String description, boolean canUndo, boolean canRedo) {

    public EditResult {
        changed = List.copyOf(changed);
        description = description == null ? "" : description;
    }
}
