package com.pokegen.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** Small NDArray helpers shared by the evaluation code. */
final class NDArrays {

    private NDArrays() {}

    /** Concatenates along axis 0. */
    static NDArray concat(NDList parts) {
        return parts.size() == 1 ? parts.get(0) : ai.djl.ndarray.NDArrays.concat(parts, 0);
    }

    /** Rows scaled to unit L2 norm. (B, D) -> (B, D) */
    static NDArray l2Normalise(NDArray x) {
        return x.div(com.pokegen.engine.model.nn.Tensors.maximum(x.square().sum(new int[] {1}, true).sqrt(), 1e-12f));
    }
}
