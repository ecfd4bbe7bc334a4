package com.pokegen.engine.schedule;

import java.util.Arrays;

/** The β_t families of diffusers' {@code beta_schedule} config key. */
public enum BetaSchedule {
    /** β linear from beta_start to beta_end (DDPM, Ho et al. 2020). */
    LINEAR("linear"),
    /** √β linear, then squared: Stable Diffusion's schedule. */
    SCALED_LINEAR("scaled_linear"),
    /** Cosine ᾱ(t) of Nichol &amp; Dhariwal 2021, eq. 17, β capped at 0.999. */
    SQUAREDCOS_CAP_V2("squaredcos_cap_v2");

    private final String configName;

    BetaSchedule(String configName) {
        this.configName = configName;
    }

    /** The value diffusers writes in scheduler_config.json. */
    public String configName() {
        return configName;
    }

    /** Parses a {@code beta_schedule} value; the message lists the accepted values. */
    public static BetaSchedule fromConfigName(String name) {
        for (BetaSchedule b : values()) {
            if (b.configName.equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("scheduler config: beta_schedule '" + name
                + "' is not supported; use one of " + Arrays.toString(names()));
    }

    private static String[] names() {
        return Arrays.stream(values()).map(BetaSchedule::configName).toArray(String[]::new);
    }
}
