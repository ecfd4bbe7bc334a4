package com.pokegen.engine.data;

import java.util.List;

/**
 * What differs between two versions of one dataset.
 *
 * @param from the older version's hash
 * @param to the newer version's hash
 * @param changes one entry per item whose caption or inclusion differs, in import order
 */
public record DatasetDiff(String from, String to, List<ItemChange> changes) {

    /** One item's caption and inclusion in both versions. */
    public record ItemChange(String id, String captionBefore, String captionAfter, boolean includedBefore,
            boolean includedAfter) {

        public boolean captionChanged() {
            return !captionBefore.equals(captionAfter);
        }

        public boolean inclusionChanged() {
            return includedBefore != includedAfter;
        }
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
