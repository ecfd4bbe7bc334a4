package com.pokegen.engine.schedule;

/** What the denoiser outputs: diffusers' {@code prediction_type} config key. */
public enum PredictionType {
    /** The added noise ε (Ho et al. 2020). */
    EPSILON("epsilon"),
    /** v = √ᾱ·ε − √(1−ᾱ)·x₀ (Salimans &amp; Ho 2022, "Progressive distillation", §4). */
    V_PREDICTION("v_prediction"),
    /** The clean sample x₀ itself. */
    SAMPLE("sample");

    private final String configName;

    PredictionType(String configName) {
        this.configName = configName;
    }

    /** The value diffusers writes in scheduler_config.json. */
    public String configName() {
        return configName;
    }

    /** Parses a {@code prediction_type} value ("original_sample" is Euler's alias of "sample"). */
    public static PredictionType fromConfigName(String name) {
        for (PredictionType p : values()) {
            if (p.configName.equals(name)) {
                return p;
            }
        }
        if ("original_sample".equals(name)) {
            return SAMPLE;
        }
        throw new IllegalArgumentException("scheduler config: prediction_type '" + name
                + "' is not supported; use epsilon, v_prediction or sample");
    }
}
