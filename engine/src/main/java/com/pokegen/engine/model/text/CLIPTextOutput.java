package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What {@link CLIPTextModel#forward} returns, named as in transformers.
 *
 * @param lastHiddenState (B, L, D), after {@code final_layer_norm}
 * @param hiddenStates N+1 arrays (B, L, D): the embeddings, then each layer's output, none of
 *     them final-layer-normed (so {@code hiddenStates[N]} is {@code lastHiddenState} before LN)
 * @param pooledOutput (B, D): {@code lastHiddenState} at each row's end-of-text position
 */
public record CLIPTextOutput(NDArray lastHiddenState, List<NDArray> hiddenStates, NDArray pooledOutput) {

    public CLIPTextOutput {
        hiddenStates = List.copyOf(hiddenStates);
    }

    /** transformers' {@code hidden_states[-2]}: the second-to-last layer's raw output. */
    public NDArray penultimateHiddenState() {
        return hiddenStates.get(hiddenStates.size() - 2);
    }
}
