package com.pokegen.engine.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.model.nn.Adapter;
import com.pokegen.engine.model.nn.Adapters;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.Tensors;

/**
 * Low-rank adaptation of one frozen layer (Hu et al., 2021, eq. 3): h = W₀x + (α/r)·B·A·x, with
 * A ({@code lora_A}, r×in, PyTorch's default uniform init) and B ({@code lora_B}, out×r, zeros),
 * so a fresh adapter changes nothing. For a convolution (LoCon) A is a convolution with the base
 * kernel, stride and padding and B a 1×1 convolution, as PEFT and kohya build it. A user scale
 * multiplies α/r when several adapters are stacked.
 */
public final class LoraLayer extends Module implements Adapter {

    private final Module base;
    private final Module down;
    private final Module up;
    private final int rank;
    private final float alpha;
    private final float dropout;
    private volatile float scale = 1f;
    private volatile boolean training;

    /**
     * @param base the frozen {@link Linear} or {@link Conv2d}
     * @param rank r ≥ 1, at most the smaller side of the base weight
     * @param alpha α &gt; 0 (the adapter's output is multiplied by α/r)
     * @param dropout probability in [0, 1) of dropping inputs to A while training
     */
    public LoraLayer(Module base, int rank, float alpha, float dropout) {
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be >= 1, got " + rank);
        }
        if (!(alpha > 0) || !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LoRA alpha must be > 0 and dropout in [0, 1), got " + alpha
                    + " and " + dropout);
        }
        this.base = base;
        this.rank = rank;
        this.alpha = alpha;
        this.dropout = dropout;
        long[] w = baseWeightShape(base);
        if (base instanceof Conv2d) {
            Conv2d c = (Conv2d) base;
            down = child("lora_A", new Conv2d(w[1], rank, (int) w[2], c.stride(), c.padding(), false));
            up = child("lora_B", new Conv2d(rank, w[0], 1, 1, 0, false));
        } else {
            down = child("lora_A", new Linear(w[1], rank, false));
            up = child("lora_B", new Linear(rank, w[0], false));
        }
    }

    /** The declared weight shape of a Linear [out, in] or Conv2d [out, in, k, k]. */
    static long[] baseWeightShape(Module base) {
        if (!(base instanceof Linear) && !(base instanceof Conv2d)) {
            throw new IllegalArgumentException("LoRA adapts Linear and Conv2d layers, not "
                    + base.getClass().getSimpleName());
        }
        return base.namedParameters().get("weight").getShape().getShape();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        super.initializeChildBlocks(manager, dataType, shapes);
        NDArray b = upWeight();
        try (NDArray zeros = manager.zeros(b.getShape(), b.getDataType())) {
            Tensors.copyInto(b, zeros); // B = 0: the adapter starts as the identity change
        }
    }

    public int rank() {
        return rank;
    }

    public float alpha() {
        return alpha;
    }

    /** The user multiplier of α/r (1 by default). */
    public void setScale(float scale) {
        this.scale = scale;
    }

    /** Dropout is applied only while training. */
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** The adapted layer's adapter list. */
    Adapters baseAdapters() {
        return base instanceof Conv2d ? ((Conv2d) base).adapters() : ((Linear) base).adapters();
    }

    NDArray baseWeight() {
        return base instanceof Conv2d ? ((Conv2d) base).weight() : ((Linear) base).weight();
    }

    NDArray downWeight() {
        return down.namedParameters().get("weight").getArray();
    }

    NDArray upWeight() {
        return up.namedParameters().get("weight").getArray();
    }

    /** The effective multiplier scale·α/r. */
    float multiplier() {
        return scale * alpha / rank;
    }

    /** x as the base layer receives it -> scale·(α/r)·B(A(dropout(x))), shaped like the base output. */
    @Override
    public NDArray delta(NDArray x) {
        NDArray h = training && dropout > 0
                ? ai.djl.nn.norm.Dropout.dropout(x, dropout, true).singletonOrThrow() : x;
        NDArray d;
        if (down instanceof Linear) {
            d = ((Linear) up).forward(((Linear) down).forward(h)); // (..., in) -> (..., r) -> (..., out)
        } else if (x.getShape().dimension() == 3) {
            d = ((Conv2d) up).forwardPointwise(((Conv2d) down).forwardPointwise(h)); // tokens (B, L, C)
        } else {
            d = ((Conv2d) up).forward(((Conv2d) down).forward(h)); // (B, in, H, W) -> (B, out, H', W')
        }
        return Tensors.mul(d, multiplier());
    }

    /** ΔW = userScale·(α/r)·B·A in the base weight's shape (a new array). */
    NDArray deltaWeight(float userScale) {
        long[] w = baseWeight().getShape().getShape();
        NDArray a = downWeight().reshape(rank, -1); // (r, in·k·k)
        NDArray b = upWeight().reshape(w[0], rank); // (out, r)
        return Tensors.mul(b.matMul(a), alpha / rank * userScale).reshape(new Shape(w));
    }
}
