package com.pokegen.engine.pipeline;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.unet.UNet2DConditionModel;

/**
 * The network call inside the sampling loop: ε_θ(x_t, t, c) (or v / x₀, per the scheduler's
 * prediction type). A seam for tests (an oracle that returns the true noise, a counter of
 * calls) and for the trainers (the ADD student, a teacher with an EMA copy).
 */
@FunctionalInterface
public interface Denoiser {

    /**
     * @param sample the scheduler-scaled latents (B, C, h, w)
     * @param timestep a scalar (1) timestep shared by the batch, float32
     * @param encoderHiddenStates text states (B, L, D)
     * @return the model output (B, C, h, w), on the sample's manager
     */
    NDArray predict(NDArray sample, NDArray timestep, NDArray encoderHiddenStates);

    /** The UNet itself. */
    static Denoiser of(UNet2DConditionModel unet) {
        return unet::forward;
    }
}
