package com.pokegen.engine.data;

import java.util.List;

/**
 * One line of {@code journal.jsonl}: an edit (a labelled group of changes, undone as one), an
 * undo or a redo.
 *
 * @param seq 1-based position in the journal (= the dataset version index it produces)
 * @param op {@code edit}, {@code undo} or {@code redo}
 * @param label what the user did ("caption", "exclude", "clean", ...); empty for undo/redo
 * @param changes the changes of an edit; empty for undo/redo
 * @param time ISO-8601 instant it was written
 */
public record JournalEntry(int seq, String op, String label, List<Change> changes, String time) {

    public static final String EDIT = "edit";
    public static final String UNDO = "undo";
    public static final String REDO = "redo";

    public JournalEntry {
        if (!op.equals(EDIT) && !op.equals(UNDO) && !op.equals(REDO)) {
            throw new IllegalArgumentException("journal op must be edit, undo or redo, got " + op);
        }
        changes = List.copyOf(changes);
    }
}
