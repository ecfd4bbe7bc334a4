package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;

/**
 * One micro-batch of the denoising objective: clean (scaled) latents x₀ (B, C, H, W), noise ε
 * like x₀, integer timesteps t (B) and text states (B, L, D).
 */
record DenoisingBatch(NDArray x0, NDArray eps, NDArray t, NDArray cond) {}
