package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;

/** A lookup table {@code weight} [count, dim], as torch.nn.Embedding. */
public final class Embedding extends Module {

    private final Parameter weight;

    public Embedding(long count, long dim) {
        weight = param("weight", new Shape(count, dim), new NormalInitializer(0.02f));
    }

    /** integer ids (...) -> (..., dim) */
    public NDArray forward(NDArray ids) {
        NDArray w = weight.getArray();
        NDArray flat = ids.toType(DataType.INT64, false).flatten();
        NDArray rows = w.get(flat); // gather rows
        Shape out = ids.getShape().add(w.getShape().get(1));
        return rows.reshape(out);
    }
}
