package com.pokegen.engine.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.lora.LoraNetwork;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import java.util.Map;
import java.util.function.Supplier;

/**
 * LoRA training (Hu et al., 2021): the UNet's weights are frozen (no gradients are kept for
 * them) and only the adapters learn. Sampling swaps the training adapters for an averaged twin.
 */
public final class LoraTrainee implements Trainee {

    private final UNet2DConditionModel unet;
    private final LoraNetwork live;
    private final LoraNetwork twin;
    private final boolean dropout;

    /**
     * @param live adapters on {@code unet}, initialised, not attached
     * @param twin adapters of the same structure, initialised, not attached (gets averaged weights)
     * @param hasDropout whether the adapters use dropout (reseeded per micro-batch for exact resume)
     */
    public LoraTrainee(UNet2DConditionModel unet, LoraNetwork live, LoraNetwork twin, boolean hasDropout) {
        this.unet = unet;
        this.live = live;
        this.twin = twin;
        this.dropout = hasDropout;
        unet.freezeParameters(true);
        live.setTraining(true);
        live.attach(1f);
    }

    /**
     * Freshly initialised adapters on {@code unet} and their twin, built by {@code builder}; A's
     * random init is drawn from {@code seed}.
     */
    public static LoraTrainee create(UNet2DConditionModel unet, LoraNetwork.Builder builder, float dropout,
            long seed, NDManager manager) {
        Engine.getInstance().setRandomSeed(Seeds.stream(seed, "lora-init", 0).nextInt());
        LoraNetwork live = builder.optDropout(dropout).build(unet);
        live.initialize(manager);
        LoraNetwork twin = builder.optDropout(0f).build(unet);
        twin.initialize(manager);
        return new LoraTrainee(unet, live, twin, dropout > 0);
    }

    @Override
    public String name() {
        return "lora";
    }

    @Override
    public Module trainable() {
        return live;
    }

    /** The adapters that hold the averaged weights after {@link #averaged}. */
    public LoraNetwork averagedAdapters() {
        return twin;
    }

    @Override
    public UNet2DConditionModel network() {
        if (twin.isAttached()) {
            twin.detach();
            live.attach(1f);
        }
        return unet;
    }

    @Override
    public UNet2DConditionModel averaged(Map<String, NDArray> weights) {
        StateDict.load(twin, weights, true, "ema");
        if (live.isAttached()) {
            live.detach();
            twin.attach(1f);
        }
        return unet;
    }

    @Override
    public <T> T frozenBase(Supplier<T> work) {
        LoraNetwork on = live.isAttached() ? live : twin.isAttached() ? twin : null;
        if (on != null) {
            on.detach();
        }
        try {
            return work.get();
        } finally {
            if (on != null) {
                on.attach(1f);
            }
        }
    }

    @Override
    public void beforeMicroBatch(int seed) {
        if (dropout) {
            Engine.getInstance().setRandomSeed(seed);
        }
    }
}
