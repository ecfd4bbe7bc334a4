package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;

/** Layer normalisation over the last axis, as torch.nn.LayerNorm(dim, eps). */
public final class LayerNorm extends Module {

    private final long dim;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    public LayerNorm(long dim, float eps) {
        this.dim = dim;
        this.eps = eps;
        weight = param("weight", new Shape(dim), new ConstantInitializer(1f));
        bias = param("bias", new Shape(dim), new ConstantInitializer(0f));
    }

    /** (..., dim) -> (..., dim) */
    public NDArray forward(NDArray x) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(
                        x, new Shape(dim), weight.getArray(), bias.getArray(), eps)
                .singletonOrThrow();
    }
}
