package com.pokegen.engine.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.lora.LoraNetwork;
import com.pokegen.engine.model.lora.LoraTargets;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * LoRA training settings: the adapter ({@link Adapter}) plus the denoising-training settings of
 * {@link TeacherConfig}, all in one flat preset ({@code presets/lora-defaults.json} overlays the
 * teacher defaults with LoRA-friendly values: lr 1e-4, 500 steps, no EMA).
 */
public record LoraConfig(TeacherConfig training, Adapter adapter, DreamBooth dreamBooth) implements StageConfig {

    private static final Set<String> ADAPTER_KEYS = Set.of("rank", "alpha", "dropout", "targets");
    private static final Set<String> DREAMBOOTH_KEYS = Set.of("instance_prompt", "class_prompt", "prior_weight",
            "class_images");

    /**
     * DreamBooth (Ruiz et al., 2023) settings, used when training on instance images: the prompt
     * with the rare token, and the class prompt whose base-model samples keep the prior.
     */
    public record DreamBooth(
            /** Caption of every instance image, e.g. "a drawing of zxq pokemon". Default none. */
            @JsonProperty("instance_prompt") String instancePrompt,
            /** Class prompt, e.g. "a drawing of a pokemon"; none turns prior preservation off. */
            @JsonProperty("class_prompt") String classPrompt,
            /** λ of eq. 2. Default 1. */
            @JsonProperty("prior_weight") float priorWeight,
            /** Class images the base model generates once (cached in the run). Default 100. */
            @JsonProperty("class_images") int classImages) {

        public DreamBooth {
            if (!(priorWeight >= 0) || classImages < 1) {
                throw new IllegalArgumentException("lora config: 'prior_weight' must be >= 0 and 'class_images' >= 1");
            }
        }

        /** Whether the prior-preservation term is on. */
        public boolean preservesPrior() {
            return classPrompt != null && !classPrompt.isBlank() && priorWeight > 0;
        }
    }

    /** The adapter's shape. */
    @JsonIgnoreProperties(value = {"_doc"})
    public record Adapter(
            /** LoRA rank r ≥ 1. Default 8. */
            @JsonProperty("rank") int rank,
            /** α; the adapter output is scaled by α/r. Default 8. */
            @JsonProperty("alpha") float alpha,
            /** Dropout on the adapter input while training. Default 0. */
            @JsonProperty("dropout") float dropout,
            /** attn, attn+ff or all (LoCon). Default attn. */
            @JsonProperty("targets") String targets) {

        public Adapter {
            if (rank < 1) {
                throw new IllegalArgumentException("lora config: 'rank' must be >= 1, got " + rank);
            }
            if (!(alpha > 0) || !(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("lora config: 'alpha' must be > 0 and 'dropout' in [0, 1)");
            }
            LoraTargets.fromName(targets);
        }

        /** A builder of adapters with these settings (dropout is set by the trainee). */
        public LoraNetwork.Builder builder() {
            return LoraNetwork.builder().setRank(rank).optAlpha(alpha).optTargets(LoraTargets.fromName(targets));
        }
    }

    /** Defaults (teacher defaults, then lora-defaults.json) overlaid with {@code overrides}. */
    public static LoraConfig of(ObjectNode overrides) throws IOException {
        ObjectNode all = Presets.defaults("lora");
        all.remove("_doc");
        all.setAll(overrides);
        ObjectNode adapter = take(all, ADAPTER_KEYS);
        ObjectNode dreamBooth = take(all, DREAMBOOTH_KEYS);
        try {
            return new LoraConfig(TeacherConfig.of(all), Presets.JSON.treeToValue(adapter, Adapter.class),
                    Presets.JSON.treeToValue(dreamBooth, DreamBooth.class));
        } catch (IOException | IllegalArgumentException e) {
            String msg = String.valueOf(Presets.rootMessage(e)).replace("teacher config:", "lora config:");
            throw new IOException(msg.startsWith("lora config:") ? msg : "lora config: " + msg, e);
        }
    }

    /** Removes {@code keys} from {@code all} and returns them. */
    private static ObjectNode take(ObjectNode all, Set<String> keys) {
        ObjectNode out = all.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (keys.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue());
                it.remove();
            }
        }
        return out;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = training.toJson();
        o.setAll(Presets.toJson(adapter));
        o.setAll(Presets.toJson(dreamBooth));
        return o;
    }

    @Override
    public int steps() {
        return training.steps();
    }

    @Override
    public int logEvery() {
        return training.logEvery();
    }

    @Override
    public int sampleEvery() {
        return training.sampleEvery();
    }

    @Override
    public int checkpointEvery() {
        return training.checkpointEvery();
    }
}
