package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;

/** The position-wise feed-forward block of a CLIP layer: fc2(act(fc1(x))). */
public final class CLIPMLP extends Module {

    private final ClipActivation activation;
    private final Linear fc1;
    private final Linear fc2;

    public CLIPMLP(CLIPTextConfig config) {
        activation = config.activation();
        fc1 = child("fc1", new Linear(config.hiddenSize(), config.intermediateSize()));
        fc2 = child("fc2", new Linear(config.intermediateSize(), config.hiddenSize()));
    }

    /** (B, L, D) -> (B, L, D) */
    public NDArray forward(NDArray x) {
        return fc2.forward(activation.apply(fc1.forward(x)));
    }
}
