package com.pokegen.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * A float32 tensor as plain Java (row-major data and its shape), so results outlive the native
 * memory that produced them and callers such as the app never hold NDArrays: generated images,
 * cached encoder features, test fixtures.
 */
public record FloatTensor(long[] shape, float[] data) {

    public FloatTensor {
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values but " + data.length + " were given");
        }
    }

    /** Copies an NDArray's values (converted to float32). */
    public static FloatTensor of(NDArray array) {
        float[] values = array.getDataType() == DataType.FLOAT32
                ? array.toFloatArray() : convert(array);
        return new FloatTensor(array.getShape().getShape(), values);
    }

    private static float[] convert(NDArray array) {
        try (NDArray f = array.toType(DataType.FLOAT32, true)) {
            return f.toFloatArray();
        }
    }

    public long[] shape() {
        return shape.clone();
    }

    /** The values of sample {@code i} along the first dimension. */
    public float[] slice(int i) {
        int per = data.length / (int) shape[0];
        return Arrays.copyOfRange(data, i * per, (i + 1) * per);
    }

    public NDArray toNDArray(NDManager manager) {
        return Tensors.floats(manager, data, new Shape(shape));
    }

    /** Largest |a − b| over all elements; the shapes must be equal. */
    public float maxAbsDiff(FloatTensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException("shapes differ: " + Arrays.toString(shape) + " vs "
                    + Arrays.toString(other.shape));
        }
        float m = 0;
        for (int i = 0; i < data.length; i++) {
            m = Math.max(m, Math.abs(data[i] - other.data[i]));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor && Arrays.equals(shape, ((FloatTensor) o).shape)
                && Arrays.equals(data, ((FloatTensor) o).data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
