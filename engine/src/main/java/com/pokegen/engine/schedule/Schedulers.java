package com.pokegen.engine.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** Builds schedulers from a diffusers scheduler_config.json or from a CLI name. */
public final class Schedulers {

    /** The names {@link #create} accepts (the CLI's {@code --scheduler} values). */
    public static final List<String> NAMES = List.of("ddim", "euler", "euler-ancestral", "ddpm");

    private Schedulers() {}

    /** Picks the class named by {@code _class_name} and reads the rest of the config with it. */
    public static Scheduler fromConfig(ObjectNode config) {
        JsonNode name = config.get("_class_name");
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("scheduler config: missing \"_class_name\"; expected one of "
                    + DDIMScheduler.CLASS_NAME + ", " + DDPMScheduler.CLASS_NAME + ", "
                    + EulerDiscreteScheduler.CLASS_NAME + ", " + EulerAncestralDiscreteScheduler.CLASS_NAME);
        }
        switch (name.textValue()) {
            case DDIMScheduler.CLASS_NAME:
                return DDIMScheduler.fromConfig(config);
            case DDPMScheduler.CLASS_NAME:
                return DDPMScheduler.fromConfig(config);
            case EulerDiscreteScheduler.CLASS_NAME:
                return EulerDiscreteScheduler.fromConfig(config);
            case EulerAncestralDiscreteScheduler.CLASS_NAME:
                return EulerAncestralDiscreteScheduler.fromConfig(config);
            default:
                throw new IllegalArgumentException("scheduler config: _class_name '" + name.textValue()
                        + "' is not supported; read its schedule with NoiseSchedule.fromConfig and pick one of "
                        + NAMES + " with Schedulers.create (CLI: --scheduler)");
        }
    }

    /**
     * A scheduler by CLI name ("ddim", "euler", "euler-ancestral" (alias "euler_a"), "ddpm"; any case)
     * over {@code base}, which supplies the spacing, prediction type and clipping.
     */
    public static Scheduler create(String name, NoiseSchedule base) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "ddim":
                return new DDIMScheduler(base);
            case "euler":
                return new EulerDiscreteScheduler(base);
            case "euler-ancestral":
            case "euler_a":
                return new EulerAncestralDiscreteScheduler(base);
            case "ddpm":
                return new DDPMScheduler(base);
            default:
                throw new IllegalArgumentException("unknown scheduler '" + name + "'; use one of " + NAMES);
        }
    }
}
