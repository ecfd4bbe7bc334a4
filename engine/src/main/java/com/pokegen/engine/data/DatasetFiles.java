package com.pokegen.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Names and (de)serialisation of the files in a dataset folder (layout in package-info). */
final class DatasetFiles {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MANIFEST = "dataset.json";
    static final String IMPORT_DIR = "import";
    static final String IMAGES_DIR = "images";
    static final String ITEMS = "items.jsonl";
    static final String IMPORT_FINDINGS = "import-findings.json";
    static final String JOURNAL = "journal.jsonl";
    static final String FORMAT = "pokegen-dataset";
    static final int FORMAT_VERSION = 1;

    private DatasetFiles() {}

    static byte[] itemsJsonl(List<Item> items) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Item it : items) {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", it.id());
            n.put("source", it.source());
            if (it.caption() == null) {
                n.putNull("caption");
            } else {
                n.put("caption", it.caption());
            }
            n.put("image_sha256", it.imageHash());
            n.put("phash", String.format("%016x", it.phash()));
            n.put("colour_grid", it.colourGrid());
            n.put("width", it.width());
            n.put("height", it.height());
            n.set("meta", it.meta());
            out.write(JSON.writeValueAsBytes(n));
            out.write('\n');
        }
        return out.toByteArray();
    }

    static List<Item> readItems(Path file) throws IOException {
        List<Item> items = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                items.add(new Item(n.get("id").asText(), n.get("source").asText(),
                        n.get("caption").isNull() ? null : n.get("caption").asText(), n.get("image_sha256").asText(),
                        Long.parseUnsignedLong(n.get("phash").asText(), 16), n.get("colour_grid").asText(), n.get("width").asInt(),
                        n.get("height").asInt(), (ObjectNode) n.get("meta")));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + lineNo + " is damaged: " + e
                        + "; the import is immutable, so re-import the source into a new dataset folder", e);
            }
        }
        return items;
    }

    static byte[] findingsJson(List<Finding> findings) throws IOException {
        ArrayNode arr = JSON.createArrayNode();
        findings.forEach(f -> arr.add(findingJson(f)));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(arr);
    }

    static ObjectNode findingJson(Finding f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("reason", f.reason().name());
        n.put("action", f.reason().action().name().toLowerCase(java.util.Locale.ROOT));
        n.put("file", f.file());
        if (f.item() != null) {
            n.put("item", f.item());
        }
        n.put("detail", f.detail());
        return n;
    }

    static List<Finding> readFindings(Path file) throws IOException {
        List<Finding> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (JsonNode n : JSON.readTree(file.toFile())) {
            out.add(new Finding(CleaningReason.valueOf(n.get("reason").asText()), n.get("file").asText(),
                    n.hasNonNull("item") ? n.get("item").asText() : null, n.get("detail").asText()));
        }
        return out;
    }
}
