package com.pokegen.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.schedule.Schedulers;
import com.pokegen.engine.schedule.TimestepSpacing;
import java.util.Locale;

/**
 * How a model folder wants to be sampled: the {@code "recommended"} object of {@code pokegen.json}.
 * An ADD student says Euler-ancestral, trailing, 1 step (up to its student_steps), guidance 0; a
 * teacher many steps with classifier-free guidance.
 *
 * @param scheduler a {@link Schedulers#NAMES} name, or null for the folder's own scheduler config
 * @param timestepSpacing overrides the scheduler config's spacing; null keeps it
 * @param steps default number of denoising steps (≥ 1)
 * @param maxSteps most steps the model was made for (a warning beyond it); null = no limit
 * @param guidance classifier-free guidance scale; ≤ 1 disables CFG (one UNet call per step)
 */
public record RecommendedSettings(
        String scheduler, TimestepSpacing timestepSpacing, int steps, Integer maxSteps, double guidance) {

    /** What a folder without {@code pokegen.json} gets: its scheduler, 25 steps, guidance 7.5. */
    public static final RecommendedSettings DIFFUSERS_LIKE = new RecommendedSettings(null, null, 25, null, 7.5);

    /** The default 4-step ADD student: {@link #addStudent addStudent(4)}. */
    public static final RecommendedSettings ADD_STUDENT = addStudent(4);

    public RecommendedSettings {
        if (scheduler != null) {
            scheduler = scheduler.toLowerCase(Locale.ROOT);
            if (!Schedulers.NAMES.contains(scheduler) && !scheduler.equals("euler_a")) {
                throw new IllegalArgumentException("pokegen.json: recommended.scheduler '" + scheduler
                        + "' is unknown; use one of " + Schedulers.NAMES);
            }
        }
        if (steps < 1) {
            throw new IllegalArgumentException("pokegen.json: recommended.steps must be >= 1, got " + steps);
        }
        if (maxSteps != null && maxSteps < steps) {
            throw new IllegalArgumentException("pokegen.json: recommended.max_steps (" + maxSteps
                    + ") is below recommended.steps (" + steps + ")");
        }
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new IllegalArgumentException("pokegen.json: recommended.guidance must be a finite number >= 0, got "
                    + guidance);
        }
    }

    /**
     * An ADD student (Sauer et al. 2023, §4): Euler-ancestral over trailing timesteps, 1 step by
     * default, at most the {@code studentSteps} it was trained on, no CFG.
     */
    public static RecommendedSettings addStudent(int studentSteps) {
        return new RecommendedSettings("euler-ancestral", TimestepSpacing.TRAILING, 1, studentSteps, 0.0);
    }

    static RecommendedSettings fromJson(JsonNode n) {
        if (n == null || n.isNull()) {
            return DIFFUSERS_LIKE;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("pokegen.json: \"recommended\" must be an object, got " + n);
        }
        JsonNode spacing = n.get("timestep_spacing");
        JsonNode max = n.get("max_steps");
        return new RecommendedSettings(
                text(n, "scheduler"),
                spacing == null || spacing.isNull() ? null : TimestepSpacing.fromConfigName(spacing.asText()),
                n.path("steps").asInt(DIFFUSERS_LIKE.steps()),
                max == null || max.isNull() ? null : max.asInt(),
                n.path("guidance").asDouble(DIFFUSERS_LIKE.guidance()));
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (scheduler != null) {
            o.put("scheduler", scheduler);
        }
        if (timestepSpacing != null) {
            o.put("timestep_spacing", timestepSpacing.configName());
        }
        o.put("steps", steps);
        if (maxSteps != null) {
            o.put("max_steps", maxSteps);
        }
        o.put("guidance", guidance);
        return o;
    }
}
