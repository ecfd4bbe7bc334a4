package com.pokegen.app.service.local;

import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.service.EditResult;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The items of one dataset with an undo/redo history. Each edit replaces some items; the
 * previous states go on the undo stack. A {@link Persister} writes every change before the
 * edit is acknowledged, so an edit is never "in memory only". Not thread-safe: callers lock.
 */
public final class EditJournal {

    /** Writes changed items durably (sidecar files, a database...). */
    @FunctionalInterface
    public interface Persister {
        void persist(List<DatasetItem> changed) throws IOException;
    }

    private record Edit(String description, List<DatasetItem> before, List<DatasetItem> after) {
    }

    private final Map<String, DatasetItem> items = new LinkedHashMap<>();
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private final Persister persister;

    public EditJournal(Collection<DatasetItem> initial, Persister persister) {
        initial.forEach(item -> items.put(item.id(), item));
        this.persister = persister;
    }

    public List<DatasetItem> items() {
        return List.copyOf(items.values());
    }

    public Optional<DatasetItem> find(String id) {
        return Optional.ofNullable(items.get(id));
    }

    /**
     * Applies {@code change} to the given items as one undo step; items it leaves equal are not
     * recorded. Unknown ids fail with a message naming the id.
     */
    public EditResult edit(String description, Collection<String> ids, UnaryOperator<DatasetItem> change)
            throws IOException {
        List<DatasetItem> before = new ArrayList<>();
        List<DatasetItem> after = new ArrayList<>();
        for (String id : ids) {
            DatasetItem current = items.get(id);
            if (current == null) {
                throw new IllegalArgumentException("No item '" + id + "' in the open dataset (was it reloaded?)");
            }
            DatasetItem changed = change.apply(current);
            if (!changed.equals(current)) {
                before.add(current);
                after.add(changed);
            }
        }
        if (after.isEmpty()) {
            return result(List.of(), "");
        }
        write(after);
        undo.push(new Edit(description, before, after));
        redo.clear();
        return result(after, description);
    }

    public EditResult undo() throws IOException {
        if (undo.isEmpty()) {
            return result(List.of(), "");
        }
        Edit edit = undo.peek();
        write(edit.before());
        redo.push(undo.pop());
        return result(edit.before(), "Undid: " + edit.description());
    }

    public EditResult redo() throws IOException {
        if (redo.isEmpty()) {
            return result(List.of(), "");
        }
        Edit edit = redo.peek();
        write(edit.after());
        undo.push(redo.pop());
        return result(edit.after(), "Redid: " + edit.description());
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Persists first, so a failed write leaves memory and disk agreeing. */
    private void write(List<DatasetItem> changed) throws IOException {
        persister.persist(changed);
        changed.forEach(item -> items.put(item.id(), item));
    }

    private EditResult result(List<DatasetItem> changed, String description) {
        return new EditResult(changed, description, canUndo(), canRedo());
    }
}
