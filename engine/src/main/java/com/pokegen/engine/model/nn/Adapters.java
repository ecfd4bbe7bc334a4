package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The adapters attached to one layer, applied in attachment order. With none attached the layer's
 * output is returned unchanged (same array), so an unadapted model computes exactly as before.
 */
public final class Adapters {

    private final List<Adapter> attached = new CopyOnWriteArrayList<>();

    /** Adds {@code adapter}; attaching the same one twice is an error. */
    public void attach(Adapter adapter) {
        if (attached.contains(adapter)) {
            throw new IllegalStateException("adapter already attached");
        }
        attached.add(adapter);
    }

    /** Removes {@code adapter}; returns whether it was attached. */
    public boolean detach(Adapter adapter) {
        return attached.remove(adapter);
    }

    public int size() {
        return attached.size();
    }

    /** y + Σ adapter(x) */
    NDArray apply(NDArray x, NDArray y) {
        NDArray out = y;
        for (Adapter a : attached) {
            out = out.add(a.delta(x));
        }
        return out;
    }
}
