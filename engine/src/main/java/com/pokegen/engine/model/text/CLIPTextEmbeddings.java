package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import com.pokegen.engine.model.nn.Embedding;
import com.pokegen.engine.model.nn.Module;

/** Token embedding plus learned absolute position embedding (positions 0..L-1). */
public final class CLIPTextEmbeddings extends Module {

    private final Embedding tokenEmbedding;
    private final Embedding positionEmbedding;
    private final int maxPositions;

    public CLIPTextEmbeddings(CLIPTextConfig config) {
        maxPositions = config.maxPositionEmbeddings();
        tokenEmbedding = child("token_embedding", new Embedding(config.vocabSize(), config.hiddenSize()));
        positionEmbedding =
                child("position_embedding", new Embedding(maxPositions, config.hiddenSize()));
    }

    /** int ids (B, L) -> (B, L, D) */
    public NDArray forward(NDArray ids) {
        long len = ids.getShape().get(1);
        if (len > maxPositions) {
            throw new IllegalArgumentException("sequence length " + len
                    + " exceeds max_position_embeddings " + maxPositions + "; truncate the prompt");
        }
        NDArray table = positionEmbedding.namedParameters().get("weight").getArray();
        NDArray positions = table.get(new NDIndex(":{}", len)); // (L, D)
        return tokenEmbedding.forward(ids).add(positions); // (B, L, D) + (L, D)
    }
}
