package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.UniformInitializer;

/** y = x·Wᵀ + b over the last axis; parameters {@code weight} [out, in] and {@code bias} [out]. */
public final class Linear extends Module {

    private final Parameter weight;
    private final Parameter bias;
    private final Adapters adapters = new Adapters();

    public Linear(long in, long out, boolean withBias) {
        // PyTorch's default: U(-1/sqrt(in), 1/sqrt(in)) for weight and bias
        float bound = (float) (1 / Math.sqrt(in));
        weight = param("weight", new Shape(out, in), new UniformInitializer(bound));
        bias = withBias ? param("bias", new Shape(out), new UniformInitializer(bound)) : null;
    }

    public Linear(long in, long out) {
        this(in, out, true);
    }

    /** The live weight array [out, in]. */
    public NDArray weight() {
        return weight.getArray();
    }

    /** Side paths (LoRA) added to this layer's output; none by default. */
    public Adapters adapters() {
        return adapters;
    }

    /** (..., in) -> (..., out), plus attached adapters */
    public NDArray forward(NDArray x) {
        return adapters.apply(x, linear(x));
    }

    private NDArray linear(NDArray x) {
        Shape s = x.getShape();
        if (bias == null || s.dimension() == 2) {
            return ai.djl.nn.core.Linear.linear(x, weight.getArray(), bias == null ? null : bias.getArray())
                    .singletonOrThrow();
        }
        // libtorch's C++ linear fuses the bias (addmm) only for 2-D input; for (..., in) it runs
        // matmul then a separate bias add, so flatten the leading axes (a view when contiguous)
        long out = weight.getShape().get(0);
        NDArray flat = x.reshape(-1, s.get(s.dimension() - 1));
        NDArray y = ai.djl.nn.core.Linear.linear(flat, weight.getArray(), bias.getArray()).singletonOrThrow();
        flat.close();
        return y.reshape(s.slice(0, s.dimension() - 1).add(out));
    }
}
