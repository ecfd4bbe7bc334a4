package com.pokegen.engine.model.text;

import static com.pokegen.engine.model.text.TextConfigChecks.positive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Hyper-parameters of a CLIP text transformer, read from and written to transformers'
 * {@code config.json} ({@code model_type: clip_text_model}). Validated on construction.
 *
 * @param hiddenAct {@code quick_gelu} (OpenAI CLIP, SD 1.x) or {@code gelu} (OpenCLIP, SD 2.x)
 */
public record CLIPTextConfig(
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int maxPositionEmbeddings,
        String hiddenAct,
        float layerNormEps,
        int projectionDim,
        int padTokenId,
        int bosTokenId,
        int eosTokenId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public CLIPTextConfig {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("max_position_embeddings", maxPositionEmbeddings);
        positive("projection_dim", projectionDim);
        TextConfigChecks.attention(hiddenSize, numAttentionHeads, layerNormEps);
        ClipActivation.fromName(hiddenAct); // validates
    }

    /** The activation named by {@link #hiddenAct}. */
    public ClipActivation activation() {
        return ClipActivation.fromName(hiddenAct);
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** Reads a transformers {@code config.json}; missing fields take CLIP ViT-L/14's defaults. */
    public static CLIPTextConfig read(Path configJson) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(configJson.toFile());
        } catch (IOException e) {
            throw new IOException(configJson + ": not readable as JSON (" + e.getMessage() + ")", e);
        }
        try {
            return fromJson(n);
        } catch (IllegalArgumentException e) {
            throw new IOException(configJson + ": " + e.getMessage(), e);
        }
    }

    /** Parses transformers' keys; a full CLIPConfig's {@code text_config} is accepted too. */
    public static CLIPTextConfig fromJson(JsonNode n) {
        if (n.has("text_config") && !n.has("hidden_size")) {
            n = n.get("text_config");
        }
        String type = n.path("model_type").asText("clip_text_model");
        if (!type.equals("clip_text_model") && !type.equals("clip")) {
            throw new IllegalArgumentException("model_type is '" + type
                    + "', expected 'clip_text_model' (is this a CLIP text encoder folder?)");
        }
        return new CLIPTextConfig(
                n.path("vocab_size").asInt(49408),
                n.path("hidden_size").asInt(512),
                n.path("intermediate_size").asInt(2048),
                n.path("num_hidden_layers").asInt(12),
                n.path("num_attention_heads").asInt(8),
                n.path("max_position_embeddings").asInt(77),
                n.path("hidden_act").asText("quick_gelu"),
                (float) n.path("layer_norm_eps").asDouble(1e-5),
                n.path("projection_dim").asInt(512),
                n.path("pad_token_id").asInt(1),
                n.path("bos_token_id").asInt(49406),
                n.path("eos_token_id").asInt(49407));
    }

    /** transformers' {@code config.json} for a {@code CLIPTextModel}. */
    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.putArray("architectures").add("CLIPTextModel");
        n.put("model_type", "clip_text_model");
        n.put("vocab_size", vocabSize);
        n.put("hidden_size", hiddenSize);
        n.put("intermediate_size", intermediateSize);
        n.put("num_hidden_layers", numHiddenLayers);
        n.put("num_attention_heads", numAttentionHeads);
        n.put("max_position_embeddings", maxPositionEmbeddings);
        n.put("hidden_act", hiddenAct);
        n.put("layer_norm_eps", (double) layerNormEps);
        n.put("projection_dim", projectionDim);
        n.put("pad_token_id", padTokenId);
        n.put("bos_token_id", bosTokenId);
        n.put("eos_token_id", eosTokenId);
        n.put("attention_dropout", 0.0);
        n.put("initializer_range", 0.02);
        n.put("initializer_factor", 1.0);
        n.put("dtype", "float32");
        return n;
    }

    /** Writes {@link #toJson()} atomically (temp file + rename). */
    public void write(Path configJson) throws IOException {
        Path dir = configJson.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".config", ".json.tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), toJson());
            Files.move(tmp, configJson, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
