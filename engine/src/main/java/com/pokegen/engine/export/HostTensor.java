package com.pokegen.engine.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * A float32 tensor in Java memory, row-major: conversion works on plain arrays so transposes are
 * explicit and nothing native is held until the weights are written.
 */
public record HostTensor(long[] shape, float[] data) {

    public HostTensor {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    /** An all-zero tensor. */
    static HostTensor zeros(long... shape) {
        return new HostTensor(shape, new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))]);
    }

    /** The transpose of a 2-D tensor: [r, c] -> [c, r]. */
    HostTensor transpose2d() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("transpose2d needs a matrix, got shape " + Arrays.toString(shape));
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] out = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = data[r * cols + c];
            }
        }
        return new HostTensor(new long[] {cols, rows}, out);
    }

    public NDArray toNDArray(NDManager manager) {
        return manager.create(data, new Shape(shape));
    }
}
