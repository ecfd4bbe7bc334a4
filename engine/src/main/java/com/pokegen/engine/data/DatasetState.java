package com.pokegen.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.Checksums;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A dataset version: every imported item with its caption and inclusion in that version. Its
 * {@link #version()} is a content hash, so two journals that reach the same captions and
 * inclusions name the same version (and share caches).
 */
public final class DatasetState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int index;
    private final Map<String, ItemView> items;
    private final String version;

    DatasetState(int index, List<ItemView> items) {
        this.index = index;
        Map<String, ItemView> map = new LinkedHashMap<>();
        for (ItemView v : items) {
            map.put(v.id(), v);
        }
        this.items = java.util.Collections.unmodifiableMap(map);
        this.version = hash(items);
    }

    /** Journal position this state follows (0 = the import). */
    public int index() {
        return index;
    }

    /** Content hash (hex SHA-256, 16 chars) of ids, pixels, captions, inclusion and metadata. */
    public String version() {
        return version;
    }

    /** Every item, in import order. */
    public List<ItemView> items() {
        return List.copyOf(items.values());
    }

    /** The items training uses. */
    public List<ItemView> included() {
        return items.values().stream().filter(ItemView::included).toList();
    }

    /** The item with {@code id}; throws naming the id when there is none. */
    public ItemView item(String id) {
        ItemView v = items.get(id);
        if (v == null) {
            throw new IllegalArgumentException("no item '" + id + "' in this dataset");
        }
        return v;
    }

    public boolean contains(String id) {
        return items.containsKey(id);
    }

    private static String hash(List<ItemView> items) {
        MessageDigest md = Checksums.newSha256();
        md.update("pokegen-dataset-v1\n".getBytes(StandardCharsets.UTF_8));
        for (ItemView v : items) {
            String line = v.id() + '\t' + v.item().imageHash() + '\t' + v.included() + '\t'
                    + v.caption().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n") + '\t'
                    + canonical(v.item().meta()) + '\n';
            md.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return Checksums.shortHex(md);
    }

    /** JSON text with object keys sorted at every level. */
    static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(sorted(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object sorted(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node instanceof ObjectNode) {
            Map<String, Object> out = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), sorted(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }
}
