package com.pokegen.engine.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
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
public record LoraConfig(TeacherConfig training, Adapter adapter) implements StageConfig {

    private static final Set<String> ADAPTER_KEYS = Set.of("rank", "alpha", "dropout", "targets");

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
        ObjectNode adapter = all.objectNode();
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
            if (ADAPTER_KEYS.contains(e.getKey())) {
                adapter.set(e.getKey(), e.getValue());
                it.remove();
            }
        }
        try {
            return new LoraConfig(TeacherConfig.of(all), Presets.JSON.treeToValue(adapter, Adapter.class));
        } catch (IOException | IllegalArgumentException e) {
            String msg = String.valueOf(Presets.rootMessage(e)).replace("teacher config:", "lora config:");
            throw new IOException(msg.startsWith("lora config:") ? msg : "lora config: " + msg, e);
        }
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = training.toJson();
        o.setAll(Presets.toJson(adapter));
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
