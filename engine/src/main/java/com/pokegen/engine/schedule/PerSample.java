package com.pokegen.engine.schedule;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Tensors;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.function.Supplier;

/** Helpers that turn per-sample scalars into tensors broadcasting over (B, ...) samples. */
final class PerSample {

    private PerSample() {}

    /**
     * Runs {@code body} in its own NDScope so its temporaries are closed; the result then belongs
     * to the caller's scope (if any), as if the caller had created it.
     */
    static NDArray scoped(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            out = body.get();
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    /** {@link #scoped} for a step's two outputs. */
    static StepResult scopedStep(Supplier<StepResult> body) {
        StepResult out;
        try (NDScope scope = new NDScope()) {
            out = body.get();
            NDScope.unregister(out.prevSample(), out.predOriginal());
        }
        NDScope.register(out.prevSample());
        NDScope.register(out.predOriginal());
        return out;
    }

    /** values [B] -> (B, 1, ..., 1) with the rank of {@code like}, float32, on like's manager. */
    static NDArray column(float[] values, NDArray like) {
        long[] dims = new long[Math.max(1, like.getShape().dimension())];
        Arrays.fill(dims, 1);
        dims[0] = values.length;
        return Tensors.floats(like.getManager(), values, new Shape(dims));
    }

    /** Reads a [B] timestep tensor (int or float) as integer indices into [0, numTrain). */
    static int[] integerTimesteps(NDArray t, int numTrainTimesteps) {
        if (t.getShape().dimension() > 1) {
            throw new IllegalArgumentException("timesteps must have shape [B], got " + t.getShape());
        }
        double[] values = doubles(t);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = checkedTimestep(values[i], numTrainTimesteps);
        }
        return out;
    }

    /** The values of a (small) tensor of any numeric type, without leaking a converted copy. */
    static double[] doubles(NDArray t) {
        NDArray d = t.toType(DataType.FLOAT64, false);
        try {
            return d.toDoubleArray();
        } finally {
            if (d != t) {
                d.close();
            }
        }
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
