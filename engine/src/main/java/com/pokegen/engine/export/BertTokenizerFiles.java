package com.pokegen.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.io.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * A transformers {@code BertTokenizerFast} folder made from a WordPiece {@code tokenizer.json}:
 * the file itself (its own fixed padding/truncation removed, so callers' arguments rule),
 * {@code tokenizer_config.json}, {@code special_tokens_map.json} and {@code vocab.txt} (the
 * WordPiece vocabulary, one token per line in id order, for the slow tokenizer).
 */
public final class BertTokenizerFiles {

    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    public static final String VOCAB = "vocab.txt";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SPECIALS = Map.of(
            "cls_token", "[CLS]", "sep_token", "[SEP]", "pad_token", "[PAD]", "unk_token", "[UNK]",
            "mask_token", "[MASK]");

    private BertTokenizerFiles() {}

    /**
     * Writes the four files into {@code dir}.
     *
     * @param modelMaxLength the row length prompts are padded/truncated to (diffusers pads to it)
     */
    public static void write(Path dir, byte[] tokenizerJson, String source, int modelMaxLength) throws IOException {
        ObjectNode root = parse(tokenizerJson, source);
        JsonNode vocab = root.path("model").path("vocab");
        if (!"WordPiece".equals(root.path("model").path("type").asText()) || !vocab.isObject()) {
            throw new IOException(source + ": model.type must be WordPiece with a vocab object to export a"
                    + " BERT tokenizer");
        }
        String[] tokens = tokensInIdOrder(vocab, source);
        for (String special : SPECIALS.values()) {
            if (!vocab.has(special)) {
                throw new IOException(source + ": special token " + special + " is not in model.vocab");
            }
        }
        Files.createDirectories(dir);
        root.putNull("truncation");
        root.putNull("padding");
        AtomicFiles.writeBytes(dir.resolve(TOKENIZER_JSON), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        AtomicFiles.writeString(dir.resolve(VOCAB), String.join("\n", tokens) + "\n");
        JsonFiles.write(dir.resolve(SPECIAL_TOKENS_MAP), specialTokens());
        JsonFiles.write(dir.resolve(TOKENIZER_CONFIG), tokenizerConfig(root, modelMaxLength));
    }

    private static ObjectNode parse(byte[] json, String source) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new IOException(source + ": not a tokenizer.json (" + e.getMessage() + ")", e);
        }
        if (n == null || !n.isObject()) {
            throw new IOException(source + ": not a tokenizer.json (expected a JSON object)");
        }
        return (ObjectNode) n;
    }

    /** The vocab as an array indexed by id; ids must be exactly 0..n-1. */
    static String[] tokensInIdOrder(JsonNode vocab, String source) throws IOException {
        String[] tokens = new String[vocab.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt(-1);
            if (id < 0 || id >= tokens.length || tokens[id] != null) {
                throw new IOException(source + ": vocab id " + e.getValue() + " of '" + e.getKey()
                        + "' is out of range or repeated; ids must be 0.." + (tokens.length - 1));
            }
            if (e.getKey().contains("\n")) {
                throw new IOException(source + ": token with a line break cannot go into vocab.txt");
            }
            tokens[id] = e.getKey();
        }
        return tokens;
    }

    private static ObjectNode specialTokens() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        SPECIALS.forEach(o::put);
        return o;
    }

    private static ObjectNode tokenizerConfig(ObjectNode tokenizerJson, int modelMaxLength) {
        JsonNode normalizer = tokenizerJson.path("normalizer");
        ObjectNode o = specialTokens();
        o.put("tokenizer_class", "BertTokenizerFast");
        o.put("do_lower_case", normalizer.path("lowercase").asBoolean(true));
        o.put("tokenize_chinese_chars", normalizer.path("handle_chinese_chars").asBoolean(true));
        JsonNode strip = normalizer.get("strip_accents");
        o.set("strip_accents", strip == null ? JsonNodeFactory.instance.nullNode() : strip);
        o.put("model_max_length", modelMaxLength);
        o.put("padding_side", "right");
        o.put("truncation_side", "right");
        o.put("clean_up_tokenization_spaces", true);
        o.putArray("model_input_names").add("input_ids").add("token_type_ids").add("attention_mask");
        return o;
    }
}
