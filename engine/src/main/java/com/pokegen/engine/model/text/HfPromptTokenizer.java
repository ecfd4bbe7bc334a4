package com.pokegen.engine.model.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code tokenizer.json} run by DJL's binding of Hugging Face's Rust tokenizers (any model
 * type: CLIP's BPE, BERT's WordPiece, ...). The tokenizer adds its own special tokens; the
 * file's truncation/padding settings are switched off and replaced by
 * {@link TokenizedBatch#fit}, so every backend truncates, pads and reports the same way.
 */
public final class HfPromptTokenizer implements PromptTokenizer {

    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "true", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final long padId;

    private HfPromptTokenizer(HuggingFaceTokenizer tokenizer, int maxLength, long padId) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.padId = padId;
    }

    /** Loads a {@code tokenizer.json} file; {@code padToken} is looked up in it. */
    public static HfPromptTokenizer fromFile(Path tokenizerJson, int maxLength, String padToken)
            throws IOException {
        return fromBytes(Files.readAllBytes(tokenizerJson), tokenizerJson.toString(), maxLength, padToken);
    }

    /** Loads a {@code tokenizer.json} from a stream (e.g. a class-path resource). */
    public static HfPromptTokenizer fromStream(InputStream in, String source, int maxLength, String padToken)
            throws IOException {
        return fromBytes(in.readAllBytes(), source, maxLength, padToken);
    }

    private static HfPromptTokenizer fromBytes(byte[] json, String source, int maxLength, String padToken)
            throws IOException {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2, got " + maxLength);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IOException(source + ": not a tokenizer.json (" + e.getMessage() + ")", e);
        }
        long padId = tokenId(root, padToken, source);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), OPTIONS);
        return new HfPromptTokenizer(tokenizer, maxLength, padId);
    }

    /** The id of {@code token}: an added (special) token first, else the model's vocabulary. */
    static long tokenId(JsonNode tokenizerJson, String token, String source) throws IOException {
        for (JsonNode added : tokenizerJson.path("added_tokens")) {
            if (added.path("content").asText().equals(token)) {
                return added.path("id").asLong();
            }
        }
        JsonNode id = tokenizerJson.path("model").path("vocab").get(token);
        if (id == null || !id.canConvertToLong()) {
            throw new IOException(source + ": pad token '" + token + "' is neither an added token nor in "
                    + "model.vocab; set pad_token in tokenizer_config.json to a token of this tokenizer");
        }
        return id.asLong();
    }

    @Override
    public TokenizedBatch tokenize(List<String> prompts) {
        Encoding[] encodings = tokenizer.batchEncode(prompts, true, false);
        List<long[]> ids = new ArrayList<>(encodings.length);
        for (Encoding e : encodings) {
            ids.add(e.getIds());
        }
        return TokenizedBatch.fit(ids, maxLength, padId);
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    public long padId() {
        return padId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
