package com.pokegen.engine.train.add;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.train.Presets;
import com.pokegen.engine.train.StageConfig;
import com.pokegen.engine.train.TeacherConfig;
import com.pokegen.engine.train.VaeConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a person edits before training a stage ("vae", "teacher", "add"), each with a
 * one-line explanation and its built-in default, and the validation of what they typed: form text
 * is turned into config overrides and checked by the stage's config record, exactly as the CLI's
 * {@code --set} and {@code --dry-run} do. Other keys keep their preset values. (It lives beside
 * the ADD config, the top of the stage configs, so that {@code train} does not reach into
 * {@code train.add}.)
 */
public final class StageSettings {

    /** One editable key: its config name, what it does, and the preset's value as text (lists one item a line). */
    public record Field(String key, String description, String defaultText, boolean list) {}

    private static final Map<String, String> COMMON = descriptions(
            "steps", "Optimiser updates in the whole run.",
            "batch_size", "Images per update; larger is smoother but needs more memory.",
            "learning_rate", "Peak step size of the optimiser.",
            "seed", "Root seed of every random draw: the same seed repeats the run.",
            "log_every", "Write a loss point every N updates.",
            "sample_every", "Draw a sample grid every N updates (0 = never).",
            "checkpoint_every", "Save a checkpoint every N updates (0 = only at the end).",
            "sample_prompts", "Prompts of the sample grids, one a line.");
    private static final Map<String, Map<String, String>> STAGE = Map.of(
            "vae", descriptions(
                    "kl_weight", "Weight of the KL term that keeps latents near a unit Gaussian.",
                    "l1_weight", "Weight of the pixel L1 reconstruction loss.",
                    "l2_weight", "Weight of the pixel L2 reconstruction loss."),
            "teacher", descriptions(
                    "warmup_steps", "Updates during which the learning rate ramps up linearly.",
                    "caption_dropout", "Share of updates trained on the empty caption (enables guidance)."),
            "add", descriptions(
                    "student_lr", "Learning rate of the student (the one-to-four-step generator).",
                    "disc_lr", "Learning rate of the discriminator head.",
                    "student_steps", "Sampling steps the student is trained to use (typically 1 to 4).",
                    "adversarial_weight", "Weight of the adversarial loss (paper's λ for L_adv).",
                    "distill_weight", "Weight of the distillation loss from the teacher (paper's λ = 2.5)."));

    private StageSettings() {}

    /** The stages that can be trained. */
    public static List<String> stages() {
        return List.of("vae", "teacher", "add");
    }

    /** The editable fields of {@code stage} that its preset has, in form order. */
    public static List<Field> fields(String stage) {
        ObjectNode defaults = Presets.defaults(requireStage(stage));
        Map<String, String> all = new LinkedHashMap<>(COMMON);
        all.putAll(STAGE.get(stage));
        List<Field> fields = new ArrayList<>();
        all.forEach((key, description) -> {
            JsonNode value = defaults.get(key);
            if (value != null) {
                fields.add(new Field(key, description, text(value), value.isArray()));
            }
        });
        return fields;
    }

    /**
     * Validates form text (key to text; absent or blank keys keep the preset) and returns the
     * resolved config.
     *
     * @throws IOException naming the field and what it must be, when a value is refused
     */
    public static StageConfig resolve(String stage, Map<String, String> texts) throws IOException {
        ObjectNode overrides = overrides(stage, texts);
        switch (requireStage(stage)) {
            case "vae":
                return VaeConfig.of(overrides);
            case "teacher":
                return TeacherConfig.of(overrides);
            default:
                return AddConfig.of(overrides);
        }
    }

    /** Form text as config overrides, typed like the preset's value (numbers, booleans, lists of lines). */
    public static ObjectNode overrides(String stage, Map<String, String> texts) {
        ObjectNode defaults = Presets.defaults(requireStage(stage));
        ObjectNode overrides = JsonNodeFactory.instance.objectNode();
        texts.forEach((key, raw) -> {
            String text = raw == null ? "" : raw.strip();
            JsonNode preset = defaults.get(key);
            if (text.isEmpty() && (preset == null || !preset.isArray())) {
                return;
            }
            if (preset != null && preset.isArray()) {
                ArrayNode lines = overrides.putArray(key);
                text.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(lines::add);
            } else if (preset != null && preset.isNumber()) {
                try {
                    if (text.matches("[+-]?\\d+")) {
                        overrides.put(key, Long.parseLong(text));
                    } else {
                        overrides.put(key, Double.parseDouble(text));
                    }
                } catch (NumberFormatException e) {
                    overrides.put(key, text); // the config names the field and the kind it needs
                }
            } else if (preset != null && preset.isBoolean() && ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text))) {
                overrides.put(key, Boolean.parseBoolean(text.toLowerCase()));
            } else {
                overrides.put(key, text);
            }
        });
        return overrides;
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> lines = new ArrayList<>();
            value.forEach(item -> lines.add(item.asText()));
            return String.join("\n", lines);
        }
        return value.asText();
    }

    private static Map<String, String> descriptions(String... keysAndTexts) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndTexts.length; i += 2) {
            map.put(keysAndTexts[i], keysAndTexts[i + 1]);
        }
        return map;
    }

    private static String requireStage(String stage) {
        if (!stages().contains(stage)) {
            throw new IllegalArgumentException("Unknown training stage '" + stage + "': choose one of " + stages());
        }
        return stage;
    }
}
