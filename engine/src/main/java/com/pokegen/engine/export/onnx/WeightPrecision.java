package com.pokegen.engine.export.onnx;

import java.util.Locale;

/**
 * How an exported graph stores its weights. Computation is float32 in all three: ONNX Runtime's
 * CPU kernels for Conv, MatMul and the normalisations are float32 kernels, so lower precision
 * here buys file size (and, for int8, a smaller weight footprint until ORT widens it), at a
 * measured quality cost.
 */
public enum WeightPrecision {

    /** Float32 initializers, as the engine holds them. */
    FP32("", 4),
    /** Float16 initializers, each widened by a {@code Cast} node (round to nearest even). */
    FP16(".fp16", 2),
    /**
     * Conv and linear weights as int8 with one float32 scale per output channel (symmetric,
     * zero point 0, scale = max|w|/127), read through {@code DequantizeLinear}; biases and
     * normalisation parameters stay float32.
     */
    INT8(".int8", 1);

    private final String fileSuffix;
    private final int weightBytes;

    WeightPrecision(String fileSuffix, int weightBytes) {
        this.fileSuffix = fileSuffix;
        this.weightBytes = weightBytes;
    }

    /** {@code model.onnx}, {@code model.fp16.onnx}, {@code model.int8.onnx}. */
    public String fileName() {
        return "model" + fileSuffix + ".onnx";
    }

    /** Bytes per stored conv/linear weight. */
    public int weightBytes() {
        return weightBytes;
    }

    /** The lower-case name used on the command line and in {@code pokegen-onnx.json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "fp32", "fp16" or "int8" (any case). */
    public static WeightPrecision parse(String text) {
        for (WeightPrecision p : values()) {
            if (p.id().equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision '" + text + "' is not supported; use fp32, fp16 or int8");
    }
}
