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
    private final Adapters adapters = new Adapters();

    public Conv2d(long in, long out, int kernel, int stride, int padding) {
        this(in, out, kernel, stride, padding, true);
    }

    public Conv2d(long in, long out, int kernel, int stride, int padding, boolean withBias) {
        float bound = (float) (1 / Math.sqrt(in * kernel * kernel));
        weight = param("weight", new Shape(out, in, kernel, kernel), new UniformInitializer(bound));
        bias = withBias ? param("bias", new Shape(out), new UniformInitializer(bound)) : null;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    /** The live weight array [out, in, k, k]. */
    public NDArray weight() {
        return weight.getArray();
    }

    /** The live bias array [out], or null without bias. */
    public NDArray bias() {
        return bias == null ? null : bias.getArray();
    }

    /** The stride along both axes. */
    public int stride() {
        return (int) stride.get(0);
    }

    /** The zero padding along both axes. */
    public int padding() {
        return (int) padding.get(0);
    }

    /** Side paths (LoCon) added to this layer's output; none by default. */
    public Adapters adapters() {
        return adapters;
    }

    /** (B, in, H, W) -> (B, out, H', W'), plus attached adapters */
    public NDArray forward(NDArray x) {
        NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(
                        x, weight.getArray(), bias(), stride, padding, new Shape(1, 1))
                .singletonOrThrow();
        return adapters.apply(x, y);
    }

    /**
     * This 1×1 convolution applied to channels-last tokens, (B, L, Cin) -> (B, L, Cout): the same
     * matrix product as on the map, without a layout round trip. Adapters receive the tokens.
     */
    public NDArray forwardPointwise(NDArray tokens) {
        long[] ws = weight.getShape().getShape();
        if (ws[2] != 1 || ws[3] != 1 || stride() != 1) {
            throw new IllegalStateException("forwardPointwise needs a 1×1 stride-1 convolution, got " + weight.getShape());
        }
        try (NDArray w = weight().reshape(ws[0], ws[1])) {
            long[] ts = tokens.getShape().getShape();
            NDArray flat = tokens.reshape(ts[0] * ts[1], ts[2]);
            NDArray y = ai.djl.nn.core.Linear.linear(flat, w, bias()).singletonOrThrow();
            return adapters.apply(tokens, y.reshape(ts[0], ts[1], ws[0]));
        }
    }
}
