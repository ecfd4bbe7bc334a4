package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.pokegen.engine.io.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A BERT text encoder from a diffusers folder's {@code text_encoder/} (transformers
 * {@code BertModel}) and {@code tokenizer/} ({@code tokenizer.json}), run as diffusers'
 * {@code encode_prompt} runs it: rows padded to the tokenizer's {@code model_max_length}, the
 * padding mask passed only when the config says {@code use_attention_mask: true}. With an
 * exported MiniLM folder this computes what {@link MiniLmTextEncoder} computes with ONNX
 * Runtime. {@code pooled} is sentence-transformers' normalised mean (as MiniLM's), not BERT's pooler.
 */
public final class BertTextEncoder extends PretrainedTextEncoder {

    /** Row length when tokenizer_config.json gives none (or transformers' "unlimited" sentinel). */
    public static final int DEFAULT_MAX_LENGTH = MiniLmTextEncoder.DEFAULT_MAX_LENGTH;

    private final BertModel model;

    private BertTextEncoder(BertModel model, PromptTokenizer tokenizer, NDManager weights, Path[] hashedFiles) {
        super(tokenizer, weights, hashedFiles);
        this.model = model;
    }

    /** Opens {@code textEncoderDir} (config.json, model.safetensors) and {@code tokenizerDir} (tokenizer.json). */
    public static BertTextEncoder open(Path textEncoderDir, Path tokenizerDir) throws IOException {
        Path tokenizerJson = tokenizerDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IOException(tokenizerJson + " not found: a BERT text encoder needs its fast tokenizer"
                    + " file (tokenizer.json) in tokenizer/");
        }
        Path tokenizerConfig = tokenizerDir.resolve("tokenizer_config.json");
        JsonNode tc = Files.isRegularFile(tokenizerConfig) ? JsonFiles.readObject(tokenizerConfig) : null;
        NDManager weights = NDManager.newBaseManager();
        PromptTokenizer tokenizer = null;
        try {
            BertModel model = BertModel.load(textEncoderDir, weights);
            int maxLength = maxLength(tc, tokenizerConfig);
            if (maxLength > model.config().maxPositionEmbeddings()) {
                throw new IOException(tokenizerConfig + ": model_max_length " + maxLength + " exceeds the text"
                        + " encoder's max_position_embeddings " + model.config().maxPositionEmbeddings());
            }
            String pad = tc == null ? "[PAD]" : tc.path("pad_token").asText("[PAD]");
            tokenizer = HfPromptTokenizer.fromFile(tokenizerJson, maxLength, pad);
            Path[] hashed = {
                textEncoderDir.resolve("config.json"), textEncoderDir.resolve("model.safetensors"),
                tokenizerJson, tokenizerConfig
            };
            return new BertTextEncoder(model, tokenizer, weights, hashed);
        } catch (IOException | RuntimeException e) {
            closeAfterFailedOpen(tokenizer, weights);
            throw e;
        }
    }

    private static int maxLength(JsonNode tokenizerConfig, Path file) throws IOException {
        JsonNode n = tokenizerConfig == null ? null : tokenizerConfig.get("model_max_length");
        if (n == null || !n.isNumber() || n.asDouble() > Integer.MAX_VALUE) {
            return DEFAULT_MAX_LENGTH;
        }
        if (n.asInt() < 2) {
            throw new IOException(file + ": model_max_length must be at least 2, got " + n);
        }
        return n.asInt();
    }

    public BertModel model() {
        return model;
    }

    @Override
    public EncodedText encode(List<String> prompts, NDManager manager) {
        TokenizedBatch tokens = tokenizer.tokenize(prompts);
        try (NDScope scope = new NDScope()) {
            NDArray ids = tokens.idsArray(manager); // (B, L)
            NDArray mask = tokens.maskArray(manager); // (B, L)
            NDArray hidden = model.forward(ids, model.config().useAttentionMask() ? mask : null); // (B, L, D)
            NDArray pooled = MiniLmTextEncoder.meanPoolNormalised(hidden, mask); // (B, D)
            NDScope.unregister(hidden, mask, pooled);
            return new EncodedText(hidden, mask, pooled, tokens);
        }
    }

    @Override
    public int hiddenSize() {
        return model.config().hiddenSize();
    }

    /** {@code bert-text:<sha256 of config, weights, tokenizer files>:L77}. */
    @Override
    String idKind() {
        return "bert-text";
    }
}
