package com.pokegen.engine.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.nn.Tensors;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LoRA adapters of one model, each registered under its base layer's path, so the parameter
 * keys are PEFT's: {@code down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q.lora_A.weight}.
 * Base weights are never part of it: only adapter weights are trained, saved and counted.
 *
 * <pre>{@code
 * LoraNetwork lora = LoraNetwork.builder().setRank(8).optTargets(LoraTargets.ATTN).build(unet);
 * lora.initialize(manager);
 * lora.attach(1f);   // the UNet now computes W₀x + (α/r)·BAx at every adapted layer
 * }</pre>
 */
public final class LoraNetwork extends Module {

    private final Map<String, LoraLayer> layers = new LinkedHashMap<>();
    private boolean attached;

    private LoraNetwork(Map<String, LoraLayer> byPath) {
        if (byPath.isEmpty()) {
            throw new IllegalArgumentException("a LoRA needs at least one adapted layer");
        }
        byPath.forEach((path, layer) -> layers.put(path, child(path, layer)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A network from ready layers keyed by base path (used when loading files). */
    static LoraNetwork of(Map<String, LoraLayer> byPath) {
        return new LoraNetwork(byPath);
    }

    /** Layers by base-layer path, in model order. */
    public Map<String, LoraLayer> layers() {
        return Collections.unmodifiableMap(layers);
    }

    /** Number of trainable scalars (A and B of every layer). */
    public long parameterCount() {
        return StateDict.parameterCount(this);
    }

    /** Adds every adapter to its base layer's output with multiplier {@code scale}. */
    public void attach(float scale) {
        if (attached) {
            throw new IllegalStateException("this LoRA is already attached");
        }
        for (LoraLayer l : layers.values()) {
            l.setScale(scale);
            l.baseAdapters().attach(l);
        }
        attached = true;
    }

    /** Removes the adapters; the base layers compute exactly as before. */
    public void detach() {
        layers.values().forEach(l -> l.baseAdapters().detach(l));
        attached = false;
    }

    public boolean isAttached() {
        return attached;
    }

    /** Turns adapter dropout on (training) or off. */
    public void setTraining(boolean training) {
        layers.values().forEach(l -> l.setTraining(training));
    }

    /** Adds scale·(α/r)·B·A into every base weight in place (diffusers' fuse_lora). */
    public void merge(float scale) {
        for (LoraLayer l : layers.values()) {
            try (NDScope scope = new NDScope()) {
                NDArray w = l.baseWeight();
                Tensors.copyInto(w, w.add(l.deltaWeight(scale))); // in place, outside autograd
            }
        }
    }

    /**
     * Builder: {@code setRank} required; alpha defaults to the rank (multiplier 1), dropout to 0,
     * targets to {@link LoraTargets#ATTN}.
     */
    public static final class Builder {
        private int rank;
        private float alpha = Float.NaN;
        private float dropout;
        private LoraTargets targets = LoraTargets.ATTN;

        private Builder() {}

        public Builder setRank(int r) {
            rank = r;
            return this;
        }

        /** α; default = rank. */
        public Builder optAlpha(float a) {
            alpha = a;
            return this;
        }

        /** Dropout on the adapter input while training; default 0. */
        public Builder optDropout(float p) {
            dropout = p;
            return this;
        }

        /** Which layers to adapt; default attn. */
        public Builder optTargets(LoraTargets t) {
            targets = t;
            return this;
        }

        /** Creates (uninitialised) adapters for the matching layers of {@code model}. */
        public LoraNetwork build(Module model) {
            if (rank < 1) {
                throw new IllegalArgumentException("LoRA rank must be >= 1, got " + rank);
            }
            float a = Float.isNaN(alpha) ? rank : alpha;
            Map<String, LoraLayer> byPath = new LinkedHashMap<>();
            StateDict.modules(model).forEach((path, m) -> {
                if (targets.matches(path, m)) {
                    byPath.put(path, new LoraLayer(m, rank, a, dropout));
                }
            });
            if (byPath.isEmpty()) {
                throw new IllegalArgumentException("no layer of the model matches LoRA targets '"
                        + targets.cliName() + "'");
            }
            return new LoraNetwork(byPath);
        }
    }
}
