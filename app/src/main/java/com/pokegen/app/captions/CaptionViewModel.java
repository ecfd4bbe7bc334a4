package com.pokegen.app.captions;

import com.pokegen.app.dataset.DatasetSession;
import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.service.ReplacePreview;
import com.pokegen.app.service.ReplaceQuery;
import com.pokegen.app.task.Debouncer;
import com.pokegen.app.task.TaskHandle;
import com.pokegen.app.task.UiScheduler;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The caption editor: one caption at a time, edited in place. Edits go to the journal when the
 * user pauses ({@link #AUTOSAVE_DELAY}), moves to another item, or asks for undo/redo, so every
 * change is persisted and undoable. A find/replace panel previews changes (debounced) and applies
 * them as one undo step.
 */
public final class CaptionViewModel {

    static final Duration AUTOSAVE_DELAY = Duration.ofMillis(600);
    static final Duration PREVIEW_DELAY = Duration.ofMillis(300);

    private final DatasetSession session;
    private final Debouncer autosave;
    private final Debouncer previewDebouncer;

    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<DatasetItem> current = new ReadOnlyObjectWrapper<>();
    private final StringProperty captionText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper("–");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();

    private final StringProperty findText = new SimpleStringProperty("");
    private final StringProperty replaceText = new SimpleStringProperty("");
    private final BooleanProperty regex = new SimpleBooleanProperty();
    private final BooleanProperty matchCase = new SimpleBooleanProperty();
    private final ObservableList<ReplacePreview> previews = FXCollections.observableArrayList();
    /** One wrapper for good: unmodifiable views hold their listeners weakly. */
    private final ObservableList<ReplacePreview> previewsView = FXCollections.unmodifiableObservableList(previews);
    private final ReadOnlyStringWrapper findProblem = new ReadOnlyStringWrapper("");

    /** The caption text last loaded from or sent to the journal; typing makes captionText differ. */
    private String synced = "";
    private boolean loading;
    private TaskHandle previewTask;

    public CaptionViewModel(DatasetSession session, UiScheduler scheduler) {
        this.session = session;
        this.autosave = new Debouncer(scheduler, AUTOSAVE_DELAY, this::commit);
        this.previewDebouncer = new Debouncer(scheduler, PREVIEW_DELAY, this::refreshPreview);
        captionText.addListener((obs, old, now) -> {
            dirty.set(!Objects.equals(now, synced));
            if (!loading) {
                autosave.trigger();
            }
        });
        session.items().addListener((ListChangeListener<DatasetItem>) change -> itemsChanged());
        findText.addListener((obs, old, now) -> previewDebouncer.trigger());
        replaceText.addListener((obs, old, now) -> previewDebouncer.trigger());
        regex.addListener((obs, old, now) -> previewDebouncer.trigger());
        matchCase.addListener((obs, old, now) -> previewDebouncer.trigger());
        itemsChanged();
    }

    /** Sends the typed caption to the journal now, if it changed. */
    public void commit() {
        autosave.cancel();
        DatasetItem item = current.get();
        String text = captionText.get();
        if (item != null && !Objects.equals(text, synced)) {
            synced = text;
            dirty.set(false);
            session.setCaption(item.id(), text);
        }
    }

    public void next() {
        moveTo(index.get() + 1);
    }

    public void previous() {
        moveTo(index.get() - 1);
    }

    /** Shows item {@code newIndex} (clamped), saving the current caption first. */
    public void moveTo(int newIndex) {
        int size = session.items().size();
        if (size == 0) {
            return;
        }
        commit();
        int clamped = Math.max(0, Math.min(size - 1, newIndex));
        index.set(clamped);
        load(session.items().get(clamped));
    }

    /** Shows the item with this id (from the browser's selection). */
    public void show(String id) {
        int found = session.indexOf(id);
        if (found >= 0) {
            moveTo(found);
        }
    }

    public void undo() {
        commit();
        session.undo();
    }

    public void redo() {
        commit();
        session.redo();
    }

    public void applyReplace() {
        commit();
        query().ifPresent(session::applyReplace);
        previewDebouncer.trigger();
    }

    private void refreshPreview() {
        if (previewTask != null) {
            previewTask.cancel();
            previewTask = null;
        }
        Optional<ReplaceQuery> query = query();
        if (query.isEmpty()) {
            previews.clear();
            return;
        }
        previewTask = session.previewReplace(query.get(), previews::setAll);
    }

    private Optional<ReplaceQuery> query() {
        if (findText.get() == null || findText.get().isEmpty()) {
            findProblem.set("");
            return Optional.empty();
        }
        try {
            ReplaceQuery query = new ReplaceQuery(findText.get(), replaceText.get(), regex.get(), matchCase.get());
            findProblem.set("");
            return Optional.of(query);
        } catch (IllegalArgumentException e) {
            findProblem.set(e.getMessage());
            return Optional.empty();
        }
    }

    private void itemsChanged() {
        List<DatasetItem> items = session.items();
        if (items.isEmpty()) {
            index.set(-1);
            current.set(null);
            setText("");
            updatePosition();
            return;
        }
        DatasetItem shown = current.get();
        int found = shown == null ? -1 : session.indexOf(shown.id());
        if (found < 0) {
            index.set(0);
            load(items.get(0));
            return;
        }
        DatasetItem fresh = items.get(found);
        current.set(fresh);
        index.set(found);
        // only replace the text when the user has not typed since the last sync
        if (Objects.equals(captionText.get(), synced) && !Objects.equals(fresh.caption(), synced)) {
            setText(fresh.caption());
        }
        updatePosition();
    }

    private void load(DatasetItem item) {
        current.set(item);
        setText(item.caption());
        updatePosition();
    }

    private void setText(String text) {
        synced = text;
        loading = true;
        try {
            captionText.set(text);
        } finally {
            loading = false;
        }
        dirty.set(false);
    }

    private void updatePosition() {
        int size = session.items().size();
        position.set(size == 0 ? "–" : (index.get() + 1) + " / " + size);
    }

    public ReadOnlyObjectProperty<DatasetItem> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    /** The editable caption; bind a text area bidirectionally. */
    public StringProperty captionTextProperty() {
        return captionText;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return session.canUndoProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return session.canRedoProperty();
    }

    public ReadOnlyStringProperty lastEditProperty() {
        return session.lastEditProperty();
    }

    public StringProperty findTextProperty() {
        return findText;
    }

    public StringProperty replaceTextProperty() {
        return replaceText;
    }

    public BooleanProperty regexProperty() {
        return regex;
    }

    public BooleanProperty matchCaseProperty() {
        return matchCase;
    }

    /** Captions the current find/replace would change. */
    public ObservableList<ReplacePreview> previews() {
        return previewsView;
    }

    /** Why the find text cannot be used (an invalid regex), or empty. */
    public ReadOnlyStringProperty findProblemProperty() {
        return findProblem.getReadOnlyProperty();
    }
}
