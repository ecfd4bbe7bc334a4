package com.pokegen.engine.data;

/**
 * An item as a dataset version sees it.
 *
 * @param item the imported item
 * @param caption the caption in this version ("" when none)
 * @param included whether training uses it
 * @param exclusionReason why it is excluded, or {@code null}
 */
public record ItemView(Item item, String caption, boolean included, String exclusionReason) {

    public String id() {
        return item.id();
    }
}
