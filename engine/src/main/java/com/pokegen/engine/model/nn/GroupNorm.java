package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;

/**
 * Group normalisation (Wu and He, 2018), as torch.nn.GroupNorm: statistics over each group of
 * C/G channels and all spatial positions, biased variance, then a per-channel affine transform.
 * DJL has no GroupNorm block, hence this one.
 */
public final class GroupNorm extends Module {

    private final int groups;
    private final long channels;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    public GroupNorm(int groups, long channels, float eps) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(
                    "GroupNorm: " + channels + " channels are not divisible into " + groups + " groups");
        }
        this.groups = groups;
        this.channels = channels;
        this.eps = eps;
        weight = param("weight", new Shape(channels), new ConstantInitializer(1f));
        bias = param("bias", new Shape(channels), new ConstantInitializer(0f));
    }

    /** (B, C, ...) -> (B, C, ...) */
    public NDArray forward(NDArray x) {
        return forward(x, false);
    }

    /**
     * Normalises and, when {@code silu} is set, applies x·σ(x) (the order every diffusion block
     * uses). The statistics come from one fused libtorch layer_norm over each (B, group) row,
     * which computes exactly GroupNorm's biased mean/variance; DJL exposes no group_norm op.
     *
     * <p>(B, C, ...) -> (B, C, ...)
     */
    public NDArray forward(NDArray x, boolean silu) {
        Shape shape = x.getShape();
        NDManager m = x.getManager();
        NDArray rows = x.reshape(shape.get(0), groups, -1); // (B, G, C/G * spatial)
        Shape rowShape = new Shape(rows.getShape().get(2));
        NDArray normed;
        try (NDArray ones = m.ones(rowShape);
                NDArray zeros = m.zeros(rowShape)) {
            normed = ai.djl.nn.norm.LayerNorm.layerNorm(rows, rowShape, ones, zeros, eps)
                    .singletonOrThrow()
                    .reshape(shape);
        }
        Shape affine = new Shape(channels);
        for (int i = 2; i < shape.dimension(); i++) {
            affine = affine.add(1);
        }
        NDArray out;
        // reshaped views of the parameters are closed at once so they never pile up on the
        // parameters' long-lived manager
        try (NDArray w = weight.getArray().reshape(affine);
                NDArray b = bias.getArray().reshape(affine)) {
            NDArray scaled = normed.mul(w);
            out = scaled.add(b);
            scaled.close();
        }
        normed.close();
        if (!silu) {
            return out;
        }
        NDArray sig = out.getNDArrayInternal().sigmoid();
        NDArray act = out.mul(sig);
        sig.close();
        out.close();
        return act;
    }
}
