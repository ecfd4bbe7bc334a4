package com.pokegen.engine.model.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An indexed list of blocks, named "0", "1", ... as torch.nn.ModuleList names them. */
public final class ModuleList<M extends Module> extends Module {

    private final List<M> items = new ArrayList<>();

    /** Appends a block under the next index. */
    public M add(M module) {
        child(Integer.toString(items.size()), module);
        items.add(module);
        return module;
    }

    public M get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    public List<M> items() {
        return Collections.unmodifiableList(items);
    }
}
