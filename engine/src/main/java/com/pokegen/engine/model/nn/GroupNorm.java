package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDArray;
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
        Shape shape = x.getShape();
        long b = shape.get(0);
        NDArray g = x.reshape(b, groups, -1); // (B, G, C/G * spatial)
        NDArray mean = g.mean(new int[] {2}, true);
        NDArray centered = g.sub(mean);
        NDArray var = centered.square().mean(new int[] {2}, true);
        NDArray normed = centered.div(var.add(eps).sqrt()).reshape(shape);
        Shape affine = new Shape(channels);
        for (int i = 2; i < shape.dimension(); i++) {
            affine = affine.add(1);
        }
        return normed.mul(weight.getArray().reshape(affine)).add(bias.getArray().reshape(affine));
    }
}
