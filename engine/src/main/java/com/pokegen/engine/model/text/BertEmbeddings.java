package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.pokegen.engine.model.nn.Embedding;
import com.pokegen.engine.model.nn.LayerNorm;
import com.pokegen.engine.model.nn.Module;

/**
 * BERT's input representation (Devlin et al., 2019, §3, Figure 2): the sum of token, learned
 * absolute position and segment (token type) embeddings, then LayerNorm. Keys as transformers:
 * {@code word_embeddings}, {@code position_embeddings}, {@code token_type_embeddings}, {@code LayerNorm}.
 */
public final class BertEmbeddings extends Module {

    private final Embedding wordEmbeddings;
    private final Embedding positionEmbeddings;
    private final Embedding tokenTypeEmbeddings;
    private final LayerNorm layerNorm;

    public BertEmbeddings(BertConfig config) {
        wordEmbeddings = child("word_embeddings", new Embedding(config.vocabSize(), config.hiddenSize()));
        positionEmbeddings =
                child("position_embeddings", new Embedding(config.maxPositionEmbeddings(), config.hiddenSize()));
        tokenTypeEmbeddings =
                child("token_type_embeddings", new Embedding(config.typeVocabSize(), config.hiddenSize()));
        layerNorm = child("LayerNorm", new LayerNorm(config.hiddenSize(), (float) config.layerNormEps()));
    }

    /** ids (B, L) -> (B, L, D); every token has type 0 (single sentences), positions 0..L-1. */
    public NDArray forward(NDArray inputIds) {
        long len = inputIds.getShape().get(1);
        NDArray positions = inputIds.getManager().arange(0, len, 1, DataType.INT64).expandDims(0); // (1, L)
        NDArray types = inputIds.zerosLike().toType(DataType.INT64, false); // (B, L)
        NDArray sum = wordEmbeddings.forward(inputIds)
                .add(tokenTypeEmbeddings.forward(types))
                .add(positionEmbeddings.forward(positions)); // (B, L, D) + (1, L, D)
        return layerNorm.forward(sum);
    }
}
