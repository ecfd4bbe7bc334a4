package com.pokegen.engine.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code manifest.jsonl}: a finished image. Holds nothing that depends on when or
 * where it was made (no times, hosts or paths), so the same item gives the same line from any
 * process; {@code phash}, {@code colour_grid} and {@code colours} feed curation without
 * decoding the PNGs again.
 *
 * @param model the batch's model hash ({@link ModelHash})
 * @param file the PNG, relative to the batch folder
 * @param sha256 hex SHA-256 of the PNG's bytes
 * @param phash 64-bit DCT perceptual hash, 16 hex digits
 * @param colourGrid 4×4 mean-colour signature ({@code PerceptualHash.colourGrid})
 * @param colours dominant colour names, most frequent first ({@code ColourNamer.dominant})
 */
public record ManifestRow(String prompt, long seed, int steps, String model, String file, String sha256, String phash,
        String colourGrid, List<String> colours) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ManifestRow {
        colours = List.copyOf(colours);
    }

    public BatchItem item() {
        return new BatchItem(prompt, seed, steps);
    }

    /** The row as one JSON line (fields in a fixed order), without the newline. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("prompt", prompt);
        o.put("seed", seed);
        o.put("steps", steps);
        o.put("model", model);
        o.put("file", file);
        o.put("sha256", sha256);
        o.put("phash", phash);
        o.put("colour_grid", colourGrid);
        ArrayNode c = o.putArray("colours");
        colours.forEach(c::add);
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a line written by {@link #toJson}; throws naming the missing field. */
    public static ManifestRow parse(String line) throws IOException {
        JsonNode o = JSON.readTree(line);
        List<String> colours = new ArrayList<>();
        required(o, "colours").forEach(c -> colours.add(c.asText()));
        return new ManifestRow(required(o, "prompt").asText(), required(o, "seed").asLong(), required(o, "steps").asInt(),
                required(o, "model").asText(), required(o, "file").asText(), required(o, "sha256").asText(),
                required(o, "phash").asText(), required(o, "colour_grid").asText(), colours);
    }

    private static JsonNode required(JsonNode o, String field) throws IOException {
        JsonNode v = o == null ? null : o.get(field);
        if (v == null || v.isNull()) {
            throw new IOException("no \"" + field + "\"");
        }
        return v;
    }
}
