package com.pokegen.app.captions;

import com.pokegen.app.dataset.DatasetSession;
import com.pokegen.app.service.DatasetItem;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.Locale;

/**
 * All captions at once: the dataset's items filtered by a text (id or caption, any case), edited
 * in place through the session's journal (so undo covers table edits too).
 */
public final class CaptionTableViewModel {

    private final DatasetSession session;
    private final FilteredList<DatasetItem> shown;
    private final StringProperty filter = new SimpleStringProperty("");

    public CaptionTableViewModel(DatasetSession session) {
        this.session = session;
        this.shown = new FilteredList<>(session.items());
        filter.addListener((obs, old, text) -> {
            String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(needle.isEmpty() ? null : item -> item.id().toLowerCase(Locale.ROOT).contains(needle)
                    || item.caption().toLowerCase(Locale.ROOT).contains(needle));
        });
    }

    /** Writes an edited caption (unchanged text does nothing). */
    public void edit(DatasetItem item, String caption) {
        if (item != null && caption != null && !caption.strip().equals(item.caption())) {
            session.setCaption(item.id(), caption);
        }
    }

    /** Items passing the filter, in dataset order (the table sorts its own view). */
    public ObservableList<DatasetItem> shown() {
        return shown;
    }

    public StringProperty filterProperty() {
        return filter;
    }
}
