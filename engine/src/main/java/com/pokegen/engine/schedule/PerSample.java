package com.pokegen.engine.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Helpers that turn per-sample scalars into tensors broadcasting over (B, ...) samples. */
final class PerSample {

    private PerSample() {}

    /** values [B] -> (B, 1, ..., 1) with the rank of {@code like}, float32, on like's manager. */
    static NDArray column(float[] values, NDArray like) {
        long[] dims = new long[Math.max(1, like.getShape().dimension())];
        java.util.Arrays.fill(dims, 1);
        dims[0] = values.length;
        return like.getManager().create(values, new Shape(dims));
    }

    /** Reads a [B] timestep tensor (int or float) as integer indices into [0, numTrain). */
    static int[] integerTimesteps(NDArray t, int numTrainTimesteps) {
        if (t.getShape().dimension() > 1) {
            throw new IllegalArgumentException("timesteps must have shape [B], got " + t.getShape());
        }
        double[] values = t.toType(DataType.FLOAT64, false).toDoubleArray();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = checkedTimestep(values[i], numTrainTimesteps);
        }
        return out;
    }

    /** An integral timestep in [0, numTrain), or a message saying why it is not one. */
    static int checkedTimestep(double t, int numTrainTimesteps) {
        if (t != Math.rint(t) || t < 0 || t >= numTrainTimesteps) {
            throw new IllegalArgumentException("timestep " + t + " is not an integer in [0, "
                    + numTrainTimesteps + ")");
        }
        return (int) t;
    }

    /** Checks that two tensors that are combined elementwise have the same shape. */
    static void sameShape(NDArray a, String aName, NDArray b, String bName) {
        if (!a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException(aName + " has shape " + a.getShape() + " but "
                    + bName + " has shape " + b.getShape() + "; they must match");
        }
    }
}
