package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.UniformInitializer;

/** 2-D convolution with square kernel; parameters {@code weight} [out, in, k, k], {@code bias}. */
public final class Conv2d extends Module {

    private final Parameter weight;
    private final Parameter bias;
    private final Shape stride;
    private final Shape padding;

    public Conv2d(long in, long out, int kernel, int stride, int padding) {
        float bound = (float) (1 / Math.sqrt(in * kernel * kernel));
        weight = param("weight", new Shape(out, in, kernel, kernel), new UniformInitializer(bound));
        bias = param("bias", new Shape(out), new UniformInitializer(bound));
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    /** The live weight array [out, in, k, k]. */
    public NDArray weight() {
        return weight.getArray();
    }

    /** The live bias array [out]. */
    public NDArray bias() {
        return bias.getArray();
    }

    /** (B, in, H, W) -> (B, out, H', W') */
    public NDArray forward(NDArray x) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(
                        x, weight.getArray(), bias.getArray(), stride, padding, new Shape(1, 1))
                .singletonOrThrow();
    }
}
