package com.pokegen.engine.data;

import java.util.Objects;

/**
 * One change to one item, the unit of a journal edit.
 *
 * @param item the item id
 * @param kind what changes
 * @param value the new caption ({@link Kind#CAPTION}) or the exclusion reason ({@link Kind#EXCLUDE}); unused for {@link Kind#INCLUDE}
 */
public record Change(String item, Kind kind, String value) {

    /** The edits a journal records. */
    public enum Kind { CAPTION, EXCLUDE, INCLUDE }

    public Change {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.INCLUDE) {
            Objects.requireNonNull(value, "value");
        }
    }

    public static Change caption(String item, String caption) {
        return new Change(item, Kind.CAPTION, caption);
    }

    public static Change exclude(String item, String reason) {
        return new Change(item, Kind.EXCLUDE, reason);
    }

    public static Change include(String item) {
        return new Change(item, Kind.INCLUDE, null);
    }
}
