package com.pokegen.engine.export.onnx;

/**
 * Symmetric per-channel int8 quantisation of a weight tensor (Jacob et al., 2018, §2.1, with
 * zero point 0; the scheme of ONNX Runtime's QDQ weight quantiser): for each slice along the
 * channel axis, scale = max|w| / 127 and q = clamp(round(w / scale), −127, 127), so
 * DequantizeLinear gives w ≈ q·scale with error at most scale/2. An all-zero slice gets scale 1.
 *
 * @param data row-major int8 values, same layout as the input
 * @param scales one per channel
 */
record Int8Weights(byte[] data, float[] scales) {

    static Int8Weights quantize(float[] values, long[] dims, int axis) {
        if (axis < 0 || axis >= dims.length) {
            throw new IllegalArgumentException("channel axis " + axis + " outside a tensor of rank " + dims.length);
        }
        int channels = (int) dims[axis];
        long inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        float[] scales = new float[channels];
        for (int i = 0; i < values.length; i++) {
            int c = (int) ((i / inner) % channels);
            scales[c] = Math.max(scales[c], Math.abs(values[i]));
        }
        for (int c = 0; c < channels; c++) {
            scales[c] = scales[c] == 0f ? 1f : scales[c] / 127f;
        }
        byte[] q = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            int c = (int) ((i / inner) % channels);
            long r = Math.round(values[i] / scales[c]); // ties away from zero; ONNX rounds DequantizeLinear exactly
            q[i] = (byte) Math.max(-127, Math.min(127, r));
        }
        return new Int8Weights(q, scales);
    }

    /** q·scale, the values DequantizeLinear reconstructs. */
    float[] dequantize(long[] dims, int axis) {
        long inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        int channels = (int) dims[axis];
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i] * scales[(int) ((i / inner) % channels)];
        }
        return out;
    }
}
