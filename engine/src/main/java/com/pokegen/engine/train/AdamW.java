package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019, Algorithm 2), in the order
 * torch.optim.AdamW applies it: w ← w·(1 − lr·λ), then w ← w − lr·m̂/(√v̂ + ε).
 *
 * <p>Moments live in the optimiser's own manager; {@link #state()} / {@link #loadState} carry
 * them through checkpoints so a resumed run continues bit-for-bit.
 */
public final class AdamW implements AutoCloseable {

    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long t;

    private AdamW(Builder b) {
        beta1 = b.beta1;
        beta2 = b.beta2;
        eps = b.eps;
        weightDecay = b.weightDecay;
        manager = b.manager.newSubManager();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of updates applied so far. */
    public long stepCount() {
        return t;
    }

    /**
     * Applies one update to every parameter that has a gradient, then zeroes the gradients.
     *
     * @param params parameters by checkpoint key (the key names the optimiser state)
     */
    public void step(Map<String, Parameter> params, float lr) {
        t++;
        float bc1 = 1 - (float) Math.pow(beta1, t);
        float bc2 = 1 - (float) Math.pow(beta2, t);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray w = e.getValue().getArray();
            if (!w.hasGradient()) {
                continue;
            }
            // every array made inside the scope is freed at its end, except the moments
            try (NDScope scope = new NDScope()) {
                NDArray g = w.getGradient();
                NDArray mi = m.computeIfAbsent(e.getKey(), k -> persistent(w));
                NDArray vi = v.computeIfAbsent(e.getKey(), k -> persistent(w));
                mi.muli(beta1).addi(g.mul(1 - beta1));
                vi.muli(beta2).addi(g.square().muli(1 - beta2));
                if (weightDecay != 0) {
                    w.muli(1 - lr * weightDecay);
                }
                NDArray denom = vi.div(bc2).sqrt().addi(eps);
                w.subi(mi.div(denom).muli(lr / bc1));
                JniUtils.zeroGrad((PtNDArray) w);
            }
        }
    }

    private NDArray persistent(NDArray like) {
        NDArray z = manager.zeros(like.getShape());
        NDScope.unregister(z);
        return z;
    }

    /** Moments and step count as named arrays ("m.key", "v.key", "t"), for checkpoints. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        m.forEach((k, a) -> out.put("m." + k, a));
        v.forEach((k, a) -> out.put("v." + k, a));
        out.put("t", manager.create(new long[] {t}));
        return out;
    }

    /** Restores what {@link #state()} returned (arrays are copied into this optimiser). */
    public void loadState(Map<String, NDArray> state) {
        m.values().forEach(NDArray::close);
        v.values().forEach(NDArray::close);
        m.clear();
        v.clear();
        for (Map.Entry<String, NDArray> e : state.entrySet()) {
            String k = e.getKey();
            if (k.equals("t")) {
                t = e.getValue().toLongArray()[0];
            } else if (k.startsWith("m.")) {
                m.put(k.substring(2), e.getValue().duplicate().toType(e.getValue().getDataType(), true));
            } else if (k.startsWith("v.")) {
                v.put(k.substring(2), e.getValue().duplicate().toType(e.getValue().getDataType(), true));
            }
        }
        m.values().forEach(a -> a.attach(manager));
        v.values().forEach(a -> a.attach(manager));
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Builder; defaults are torch.optim.AdamW's. */
    public static final class Builder {
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float eps = 1e-8f;
        private float weightDecay = 1e-2f;
        private NDManager manager;

        /** Required: where moments are allocated (a sub-manager is made). */
        public Builder setManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /** β1, β2; default (0.9, 0.999). ADD uses (0, 0.99). */
        public Builder optBetas(float beta1, float beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** Default 1e-8. */
        public Builder optEps(float eps) {
            this.eps = eps;
            return this;
        }

        /** Decoupled weight decay λ; default 1e-2. */
        public Builder optWeightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public AdamW build() {
            if (manager == null) {
                throw new IllegalArgumentException("AdamW needs a manager");
            }
            if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
                throw new IllegalArgumentException("AdamW betas must be in [0, 1): " + beta1 + ", " + beta2);
            }
            if (eps <= 0 || weightDecay < 0) {
                throw new IllegalArgumentException("AdamW needs eps > 0 and weight decay >= 0");
            }
            return new AdamW(this);
        }
    }
}
