package com.pokegen.engine.eval;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One optimiser step over parameters whose gradients a {@code GradientCollector} has filled;
 * implementations update in place and zero the gradients.
 */
public interface ParameterUpdate extends AutoCloseable {

    void apply(List<NDArray> parameters);

    @Override
    void close();
}
