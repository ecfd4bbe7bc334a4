package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Creating and filling tensors so that their memory belongs to libtorch.
 *
 * <p>Why: DJL's {@code manager.create(float[])} and {@code array.set(buffer)} make a tensor whose
 * storage is a Java direct buffer (torch.from_blob), kept alive only by that one Java wrapper.
 * Views of it and tensors saved by autograd do not keep the buffer alive, so once the wrapper is
 * closed and collected they read freed memory (we saw NaNs and run-to-run differences); the
 * buffer's alignment also varies between runs, which changes vectorised reduction order. These
 * helpers copy into libtorch-allocated memory instead.
 */
public final class Tensors {

    private Tensors() {}

    /** A libtorch-owned copy of {@code data} with {@code shape} (float32). */
    public static NDArray floats(NDManager manager, float[] data, Shape shape) {
        return owned(manager.create(data, shape));
    }

    /** A libtorch-owned float32 scalar (0-d). */
    public static NDArray scalar(NDManager manager, float value) {
        return floats(manager, new float[] {value}, new Shape());
    }

    /**
     * x·s for differentiable x. DJL's {@code x.mul(float)} wraps s in a Java-memory tensor and
     * closes it at once, but autograd keeps that tensor to compute the gradient; once the buffer
     * is collected the backward pass reads freed memory (sporadic NaN/Inf). Same for div/maximum.
     */
    public static NDArray mul(NDArray x, float s) {
        return x.mul(scalar(x.getManager(), s));
    }

    /** x / s for differentiable x (see {@link #mul}). */
    public static NDArray div(NDArray x, float s) {
        return x.div(scalar(x.getManager(), s));
    }

    /** max(x, s) elementwise for differentiable x (see {@link #mul}). */
    public static NDArray maximum(NDArray x, float s) {
        return x.maximum(scalar(x.getManager(), s));
    }

    /** A libtorch-owned int64 vector. */
    public static NDArray longs(NDManager manager, long[] data) {
        return owned(manager.create(data));
    }

    /** Replaces a Java-memory tensor by a libtorch-owned clone (the argument is closed). */
    public static NDArray owned(NDArray javaBacked) {
        NDArray copy = javaBacked.duplicate();
        javaBacked.close();
        return copy;
    }

    /**
     * Copies {@code src}'s values into {@code dst} in place, keeping dst's storage (and so every
     * view and autograd reference to it). Shapes and dtypes must match.
     */
    public static void copyInto(NDArray dst, NDArray src) {
        if (!dst.getShape().equals(src.getShape()) || dst.getDataType() != src.getDataType()) {
            throw new IllegalArgumentException("copyInto: " + src.getShape() + " " + src.getDataType()
                    + " into " + dst.getShape() + " " + dst.getDataType());
        }
        if (!dst.getDevice().isGpu()) {
            ByteBuffer target = dst.toByteBuffer(true).order(ByteOrder.nativeOrder()); // aliases dst's memory
            ByteBuffer source = src.toByteBuffer().order(ByteOrder.nativeOrder());
            if (target.remaining() != source.remaining()) {
                throw new IllegalStateException("copyInto: non-contiguous target " + dst.getShape());
            }
            target.put(source);
        } else {
            dst.set(src.toByteBuffer()); // copies to the device
        }
    }
}
