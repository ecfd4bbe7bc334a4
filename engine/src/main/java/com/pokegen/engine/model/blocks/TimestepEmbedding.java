package com.pokegen.engine.model.blocks;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;

/**
 * The UNet's timestep MLP (Ho et al., 2020): linear_1 → SiLU → linear_2, mapping sinusoidal
 * features to the embedding every ResnetBlock2D adds (diffusers' {@code TimestepEmbedding}).
 */
public final class TimestepEmbedding extends Module {

    private final Linear linear1;
    private final Linear linear2;

    public TimestepEmbedding(long inChannels, long embedDim) {
        linear1 = child("linear_1", new Linear(inChannels, embedDim));
        linear2 = child("linear_2", new Linear(embedDim, embedDim));
    }

    /** (B, in) -> (B, embedDim) */
    public NDArray forward(NDArray features) {
        return linear2.forward(Ops.silu(linear1.forward(features)));
    }
}
