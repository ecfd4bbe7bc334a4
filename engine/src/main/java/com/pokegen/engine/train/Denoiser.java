package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;

/** A network f(x_t, t, c) returning its raw output (ε, v or x₀ per its prediction type). */
@FunctionalInterface
public interface Denoiser {

    /** (B, C, H, W), (B), (B, L, D) -> (B, C, H, W) */
    NDArray predict(NDArray xt, NDArray t, NDArray cond);
}
