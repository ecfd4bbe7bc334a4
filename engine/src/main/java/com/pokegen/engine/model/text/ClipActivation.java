package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The two activations CLIP text towers use between {@code fc1} and {@code fc2}. */
public enum ClipActivation {
    /** x·σ(1.702·x): OpenAI CLIP's approximation (SD 1.x). */
    QUICK_GELU("quick_gelu"),
    /** Exact GELU, x·Φ(x) = 0.5·x·(1 + erf(x/√2)) (OpenCLIP, SD 2.x). */
    GELU("gelu");

    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));

    private final String configName;

    ClipActivation(String configName) {
        this.configName = configName;
    }

    /** The {@code hidden_act} string in transformers' config. */
    public String configName() {
        return configName;
    }

    public static ClipActivation fromName(String name) {
        for (ClipActivation a : values()) {
            if (a.configName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "hidden_act '" + name + "' is not supported; use 'quick_gelu' or 'gelu'");
    }

    /** Element-wise activation; the result has x's shape. */
    public NDArray apply(NDArray x) {
        if (this == QUICK_GELU) {
            try (NDArray scaled = x.mul(1.702f);
                    NDArray gate = Activation.sigmoid(scaled)) {
                return x.mul(gate);
            }
        }
        try (NDArray scaled = x.mul(INV_SQRT2);
                NDArray erf = scaled.erf();
                NDArray onePlus = erf.add(1f);
                NDArray half = x.mul(0.5f)) {
            return half.mul(onePlus);
        }
    }
}
