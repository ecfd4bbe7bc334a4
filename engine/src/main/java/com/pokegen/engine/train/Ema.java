package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import com.pokegen.engine.model.nn.Tensors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponential moving average of weights, θ̄ ← d·θ̄ + (1 − d)·θ, with diffusers' warm-up
 * d = min(decay, (1 + n)/(10 + n)) so early averages are not dominated by the random init.
 * Sampling uses the averaged weights.
 */
public final class Ema implements AutoCloseable {

    private final float decay;
    private final NDManager manager;
    private final Map<String, NDArray> shadow = new LinkedHashMap<>();
    private long updates;

    public Ema(Map<String, Parameter> params, float decay, NDManager parent) {
        if (decay < 0 || decay >= 1) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1): " + decay);
        }
        this.decay = decay;
        this.manager = parent.newSubManager();
        params.forEach((k, p) -> shadow.put(k, copy(p.getArray())));
    }

    private NDArray copy(NDArray a) {
        NDArray c = manager.zeros(a.getShape(), a.getDataType());
        Tensors.copyInto(c, a);
        return c;
    }

    /** The decay used for the next update. */
    public float currentDecay() {
        return Math.min(decay, (1f + updates) / (10f + updates));
    }

    public void update(Map<String, Parameter> params) {
        float d = currentDecay();
        for (Map.Entry<String, NDArray> e : shadow.entrySet()) {
            NDArray w = params.get(e.getKey()).getArray();
            try (NDScope scope = new NDScope()) {
                e.getValue().addi(w.sub(e.getValue()).muli(1 - d)); // θ̄ + (1−d)(θ − θ̄)
            }
        }
        updates++;
    }

    /** Averaged weights by key (live arrays). */
    public Map<String, NDArray> weights() {
        return shadow;
    }

    public long updates() {
        return updates;
    }

    /** Restores averaged weights and the update count from a checkpoint. */
    public void load(Map<String, NDArray> weights, long updates) {
        for (Map.Entry<String, NDArray> e : shadow.entrySet()) {
            NDArray src = weights.get(e.getKey());
            if (src == null) {
                throw new IllegalArgumentException("EMA checkpoint lacks '" + e.getKey() + "'");
            }
            Tensors.copyInto(e.getValue(), src);
        }
        this.updates = updates;
    }

    @Override
    public void close() {
        manager.close();
    }
}
