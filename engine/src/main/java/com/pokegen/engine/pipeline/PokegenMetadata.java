package com.pokegen.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Our additions to a diffusers folder, kept in {@code pokegen.json} at its root so diffusers
 * ignores them: what the model is, how to sample it, and where it came from.
 *
 * <pre>{@code
 * {"format": 1, "id": "pokemon-tiny-student-2026-11-25", "role": "student",
 *  "text_encoder": "minilm-l6-v2-onnx",
 *  "recommended": {"scheduler": "euler-ancestral", "timestep_spacing": "trailing",
 *                  "steps": 1, "max_steps": 4, "guidance": 0.0},
 *  "provenance": {...}}
 * }</pre>
 *
 * @param id a stable name recorded with every generated image; null = none (a hash is used)
 * @param role "teacher", "student" or null
 * @param textEncoder {@value #MINILM} when the text encoder is the bundled MiniLM (no weights in
 *     the folder); null for a text encoder stored in {@code text_encoder/}
 * @param recommended default sampler settings
 * @param provenance free-form record of how the model was made (config, data hash, step, versions); may be null
 */
public record PokegenMetadata(
        String id, String role, String textEncoder, RecommendedSettings recommended, ObjectNode provenance) {

    public static final String FILE = "pokegen.json";
    /** The {@code text_encoder} value naming {@link com.pokegen.engine.model.text.MiniLmTextEncoder}. */
    public static final String MINILM = "minilm-l6-v2-onnx";
    public static final int FORMAT = 1;

    /** For a folder that has no {@code pokegen.json}. */
    public static final PokegenMetadata NONE =
            new PokegenMetadata(null, null, null, RecommendedSettings.DIFFUSERS_LIKE, null);

    public PokegenMetadata {
        if (recommended == null) {
            recommended = RecommendedSettings.DIFFUSERS_LIKE;
        }
        if (textEncoder != null && !textEncoder.equals(MINILM)) {
            throw new IllegalArgumentException("pokegen.json: text_encoder '" + textEncoder
                    + "' is unknown; the only bundled one is \"" + MINILM + "\" (omit the key when the"
                    + " folder has text_encoder/ weights)");
        }
    }

    public PokegenMetadata withRecommended(RecommendedSettings settings) {
        return new PokegenMetadata(id, role, textEncoder, settings, provenance);
    }

    public PokegenMetadata withTextEncoder(String name) {
        return new PokegenMetadata(id, role, name, recommended, provenance);
    }

    /** Reads {@code dir/pokegen.json}, or {@link #NONE} when the file does not exist. */
    public static PokegenMetadata read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return NONE;
        }
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (n == null || !n.isObject()) {
            throw new IOException(file + ": expected a JSON object");
        }
        try {
            return fromJson(n);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static PokegenMetadata fromJson(JsonNode n) {
        int format = n.path("format").asInt(FORMAT);
        if (format > FORMAT) {
            throw new IllegalArgumentException("format " + format + " is newer than this engine reads ("
                    + FORMAT + "); update PokéGen Studio");
        }
        JsonNode prov = n.get("provenance");
        return new PokegenMetadata(
                textOrNull(n, "id"),
                textOrNull(n, "role"),
                textOrNull(n, "text_encoder"),
                RecommendedSettings.fromJson(n.get("recommended")),
                prov != null && prov.isObject() ? (ObjectNode) prov : null);
    }

    private static String textOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", FORMAT);
        if (id != null) {
            o.put("id", id);
        }
        if (role != null) {
            o.put("role", role);
        }
        if (textEncoder != null) {
            o.put("text_encoder", textEncoder);
        }
        o.set("recommended", recommended.toJson());
        if (provenance != null) {
            o.set("provenance", provenance.deepCopy());
        }
        return o;
    }
}
