package com.pokegen.engine.model.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Typed reads of a diffusers {@code config.json} with diffusers' defaults for absent or null
 * keys, and errors that name the source, the key and what is accepted.
 */
public final class ConfigJson {

    private final JsonNode root;
    private final String source;

    /** @param source names the file (or "config") in error messages */
    public ConfigJson(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object");
        }
        this.root = root;
        this.source = source;
    }

    private JsonNode value(String key) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? null : n;
    }

    public boolean isNull(String key) {
        return value(key) == null;
    }

    public IllegalArgumentException error(String key, String message) {
        return new IllegalArgumentException(source + ": \"" + key + "\" " + message);
    }

    public int getInt(String key, int dflt) {
        JsonNode n = value(key);
        if (n == null) {
            return dflt;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() && n.asDouble() != Math.rint(n.asDouble())) {
            throw error(key, "must be an integer, got " + n);
        }
        return n.asInt();
    }

    public Integer getIntOrNull(String key) {
        return value(key) == null ? null : getInt(key, 0);
    }

    public double getDouble(String key, double dflt) {
        JsonNode n = value(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isNumber()) {
            throw error(key, "must be a number, got " + n);
        }
        return n.asDouble();
    }

    public Double getDoubleOrNull(String key) {
        return value(key) == null ? null : getDouble(key, 0);
    }

    public boolean getBool(String key, boolean dflt) {
        JsonNode n = value(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw error(key, "must be true or false, got " + n);
        }
        return n.asBoolean();
    }

    public String getString(String key, String dflt) {
        JsonNode n = value(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw error(key, "must be a string, got " + n);
        }
        return n.asText();
    }

    /** A list of strings; {@code dflt} when absent. */
    public List<String> getStringList(String key, List<String> dflt) {
        JsonNode n = value(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isArray()) {
            throw error(key, "must be a list of strings, got " + n);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw error(key, "must be a list of strings, got " + n);
            }
            out.add(e.asText());
        }
        return List.copyOf(out);
    }

    /** A list of integers; {@code dflt} when absent. */
    public List<Integer> getIntList(String key, List<Integer> dflt) {
        JsonNode n = value(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isArray()) {
            throw error(key, "must be a list of integers, got " + n);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isIntegralNumber()) {
                throw error(key, "must be a list of integers, got " + n);
            }
            out.add(e.asInt());
        }
        return List.copyOf(out);
    }

    /**
     * An integer or a per-block list of {@code count} integers, expanded to the list; null when
     * absent and {@code dflt} is null.
     */
    public List<Integer> getIntOrList(String key, Integer dflt, int count) {
        JsonNode n = value(key);
        if (n == null) {
            return dflt == null ? null : Collections.nCopies(count, dflt);
        }
        if (n.isArray()) {
            List<Integer> list = getIntList(key, null);
            if (list.size() != count) {
                throw error(key, "has " + list.size() + " entries but there are " + count
                        + " down blocks; give one value or one per block");
            }
            return list;
        }
        return Collections.nCopies(count, getInt(key, 0));
    }

    /** Fails unless the key is absent/null or equals one of the accepted values. */
    public void requireNullOr(String key, Object... accepted) {
        JsonNode n = value(key);
        if (n == null) {
            return;
        }
        for (Object a : accepted) {
            if (a instanceof String && n.isTextual() && n.asText().equals(a)
                    || a instanceof Boolean && n.isBoolean() && n.asBoolean() == (Boolean) a
                    || a instanceof Number && n.isNumber() && n.asDouble() == ((Number) a).doubleValue()) {
                return;
            }
        }
        throw error(key, "= " + n + " is not supported by this engine"
                + (accepted.length == 0 ? " (only null is)" : " (supported: null or "
                + java.util.Arrays.toString(accepted) + ")"));
    }

    /** Writes a list as a single value when all entries are equal (diffusers' compact form). */
    public static void putIntOrList(ObjectNode out, String key, List<Integer> values) {
        Objects.requireNonNull(values, key);
        if (values.stream().distinct().count() == 1) {
            out.put(key, values.get(0));
        } else {
            out.set(key, intArray(values));
        }
    }

    public static ArrayNode intArray(List<Integer> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }

    public static ArrayNode stringArray(List<String> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
