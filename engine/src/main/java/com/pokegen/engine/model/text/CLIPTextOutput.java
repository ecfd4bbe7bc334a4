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

    /** Closes every array of this output except those listed (compared by identity). */
    public void closeExcept(NDArray... keep) {
        List<NDArray> all = new java.util.ArrayList<>(hiddenStates);
        all.add(lastHiddenState);
        all.add(pooledOutput);
        for (NDArray a : all) {
            boolean kept = false;
            for (NDArray k : keep) {
                kept |= k == a;
            }
            if (!kept) {
                a.close();
            }
        }
    }
}
