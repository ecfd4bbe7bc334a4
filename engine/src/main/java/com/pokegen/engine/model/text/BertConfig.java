package com.pokegen.engine.model.text;

import static com.pokegen.engine.model.text.TextConfigChecks.positive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.JsonFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Hyper-parameters of transformers' {@code BertModel} ({@code config.json}, {@code model_type:
 * bert}), validated on construction.
 *
 * @param hiddenAct only {@code gelu} (exact, erf-based) is supported, as in MiniLM
 * @param useAttentionMask diffusers' switch: when true, Stable Diffusion pipelines pass the
 *     tokenizer's padding mask to the encoder; when false (or absent) they pass none and padded
 *     positions are attended to
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        String hiddenAct,
        int maxPositionEmbeddings,
        int typeVocabSize,
        double layerNormEps,
        int padTokenId,
        boolean useAttentionMask) {

    /** sentence-transformers/all-MiniLM-L6-v2, with the padding mask on (as our pipeline runs it). */
    public static final BertConfig MINILM_L6_V2 =
            new BertConfig(30522, 384, 6, 12, 1536, "gelu", 512, 2, 1e-12, 0, true);

    public BertConfig {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("intermediate_size", intermediateSize);
        positive("max_position_embeddings", maxPositionEmbeddings);
        positive("type_vocab_size", typeVocabSize);
        TextConfigChecks.attention(hiddenSize, numAttentionHeads, layerNormEps);
        if (!"gelu".equals(hiddenAct)) {
            throw new IllegalArgumentException("hidden_act '" + hiddenAct + "' is not supported; only 'gelu'");
        }
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** Reads a transformers {@code config.json}; missing fields take BERT-base's defaults. */
    public static BertConfig read(Path configJson) throws IOException {
        JsonNode n = JsonFiles.readObject(configJson);
        try {
            return fromJson(n);
        } catch (IllegalArgumentException e) {
            throw new IOException(configJson + ": " + e.getMessage(), e);
        }
    }

    public static BertConfig fromJson(JsonNode n) {
        String type = n.path("model_type").asText("bert");
        if (!type.equals("bert")) {
            throw new IllegalArgumentException("model_type is '" + type + "', expected 'bert'");
        }
        String embedding = n.path("position_embedding_type").asText("absolute");
        if (!embedding.equals("absolute")) {
            throw new IllegalArgumentException("position_embedding_type '" + embedding
                    + "' is not supported; only 'absolute'");
        }
        return new BertConfig(
                n.path("vocab_size").asInt(30522),
                n.path("hidden_size").asInt(768),
                n.path("num_hidden_layers").asInt(12),
                n.path("num_attention_heads").asInt(12),
                n.path("intermediate_size").asInt(3072),
                n.path("hidden_act").asText("gelu"),
                n.path("max_position_embeddings").asInt(512),
                n.path("type_vocab_size").asInt(2),
                n.path("layer_norm_eps").asDouble(1e-12),
                n.path("pad_token_id").asInt(0),
                n.path("use_attention_mask").asBoolean(false));
    }

    /** transformers' {@code config.json} for a {@code BertModel} (plus diffusers' {@code use_attention_mask}). */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putArray("architectures").add("BertModel");
        n.put("model_type", "bert");
        n.put("vocab_size", vocabSize);
        n.put("hidden_size", hiddenSize);
        n.put("num_hidden_layers", numHiddenLayers);
        n.put("num_attention_heads", numAttentionHeads);
        n.put("intermediate_size", intermediateSize);
        n.put("hidden_act", hiddenAct);
        n.put("hidden_dropout_prob", 0.1);
        n.put("attention_probs_dropout_prob", 0.1);
        n.put("max_position_embeddings", maxPositionEmbeddings);
        n.put("type_vocab_size", typeVocabSize);
        n.put("initializer_range", 0.02);
        n.put("layer_norm_eps", layerNormEps);
        n.put("pad_token_id", padTokenId);
        n.put("position_embedding_type", "absolute");
        n.put("use_cache", true);
        n.putNull("classifier_dropout");
        n.put("use_attention_mask", useAttentionMask);
        n.put("dtype", "float32");
        return n;
    }
}
