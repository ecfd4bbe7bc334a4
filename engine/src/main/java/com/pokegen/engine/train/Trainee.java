package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a denoising training updates: the whole UNet (teacher training, full fine-tuning) or
 * adapters on a frozen UNet ({@link LoraTrainee}). The task optimises, averages and checkpoints
 * {@link #trainable()}'s parameters and runs its loss through {@link #network()}.
 */
public interface Trainee {

    /** The checkpoint group holding the trainable weights ("unet", "lora"). */
    String name();

    /** The module whose parameters are optimised, averaged (EMA) and checkpointed. */
    Module trainable();

    /** The UNet the loss runs through, computing with the trainable weights. */
    UNet2DConditionModel network();

    /**
     * A UNet computing with {@code averaged} weights (keys of {@link #trainable()}) for sampling
     * and export; valid until the next call of {@link #network()}.
     */
    UNet2DConditionModel averaged(Map<String, NDArray> averaged);

    /**
     * Runs {@code work} on the frozen base network (adapters off), then restores the current
     * state: what a frozen teacher sharing these weights computes. The whole-UNet trainee has no
     * adapters, so this is just {@code work}.
     */
    default <T> T frozenBase(Supplier<T> work) {
        return work.get();
    }

    /** Called before each micro-batch with a seed drawn for it (for layers with their own randomness). */
    default void beforeMicroBatch(int seed) {}

    /** The whole UNet trains; {@code twin} (same config, initialised) receives the averaged weights. */
    static Trainee fullUnet(UNet2DConditionModel unet, UNet2DConditionModel twin) {
        return new Trainee() {
            @Override
            public String name() {
                return "unet";
            }

            @Override
            public Module trainable() {
                return unet;
            }

            @Override
            public UNet2DConditionModel network() {
                return unet;
            }

            @Override
            public UNet2DConditionModel averaged(Map<String, NDArray> weights) {
                StateDict.load(twin, weights, true, "ema");
                return twin;
            }
        };
    }
}
