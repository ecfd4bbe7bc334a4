package com.pokegen.engine.pipeline;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.unet.UNet2DConditionModel;

/**
 * A network f(x_t, t, c) returning its raw output: ε, v or x₀ per its prediction type. The
 * sampling loop calls it with one timestep for the batch; the training losses with one per
 * sample. A seam for tests (an oracle that returns the true noise, a counter of calls) and for
 * the trainers (the ADD student and teacher, a teacher with an EMA copy).
 */
@FunctionalInterface
public interface Denoiser {

    /**
     * @param sample the scheduler-scaled latents (B, C, h, w)
     * @param timestep (1) shared by the batch (sampling, float32) or (B) per sample (training, int64)
     * @param encoderHiddenStates text states (B, L, D)
     * @return the model output (B, C, h, w), on the sample's manager
     */
    NDArray predict(NDArray sample, NDArray timestep, NDArray encoderHiddenStates);

    /** The UNet itself. */
    static Denoiser of(UNet2DConditionModel unet) {
        return unet::forward;
    }
}
