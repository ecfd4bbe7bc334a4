package com.pokegen.engine.model.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parts of transformers' {@code tokenizer_config.json} a CLIP tokenizer needs.
 *
 * @param maxLength {@code model_max_length} (77 for CLIP)
 * @param bosToken e.g. {@code <|startoftext|>}
 * @param eosToken e.g. {@code <|endoftext|>}
 * @param padToken SD 1.x pads with {@code <|endoftext|>}, SD 2.x with {@code !}
 */
public record TokenizerSettings(int maxLength, String bosToken, String eosToken, String padToken) {

    /** Lengths above this are transformers' "no limit" sentinel (1e30), not a real limit. */
    private static final long UNBOUNDED = 1_000_000L;

    public static final TokenizerSettings CLIP_DEFAULTS =
            new TokenizerSettings(77, "<|startoftext|>", "<|endoftext|>", "<|endoftext|>");

    public TokenizerSettings {
        if (maxLength < 2) {
            throw new IllegalArgumentException("model_max_length must be at least 2, got " + maxLength);
        }
    }

    /** Returns a copy with another length. */
    public TokenizerSettings withMaxLength(int length) {
        return new TokenizerSettings(length, bosToken, eosToken, padToken);
    }

    /** Reads {@code tokenizer_config.json} in {@code dir}; absent file or fields take CLIP's defaults. */
    public static TokenizerSettings read(Path dir) throws IOException {
        Path file = dir.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(file)) {
            return CLIP_DEFAULTS;
        }
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not readable as JSON (" + e.getMessage() + ")", e);
        }
        long len = n.path("model_max_length").asLong(CLIP_DEFAULTS.maxLength());
        int maxLength = len <= 0 || len > UNBOUNDED ? CLIP_DEFAULTS.maxLength() : (int) len;
        String eos = token(n, "eos_token", CLIP_DEFAULTS.eosToken());
        return new TokenizerSettings(
                maxLength, token(n, "bos_token", CLIP_DEFAULTS.bosToken()), eos, token(n, "pad_token", eos));
    }

    /** A special token given either as a string or as {@code {"content": ...}}. */
    private static String token(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        return v.isTextual() ? v.asText() : v.path("content").asText(fallback);
    }
}
