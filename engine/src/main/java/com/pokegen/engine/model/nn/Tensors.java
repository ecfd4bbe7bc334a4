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
