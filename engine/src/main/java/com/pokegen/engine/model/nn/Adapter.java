package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * A trainable side path added to a frozen layer's output, y = base(x) + Σ adapter(x) (LoRA, Hu et
 * al., 2021, eq. 3). Attached to {@link Linear} or {@link Conv2d} through {@link Adapters}.
 */
@FunctionalInterface
public interface Adapter {

    /** The adapter's contribution for the layer input {@code x}, shaped like the layer's output. */
    NDArray delta(NDArray x);
}
