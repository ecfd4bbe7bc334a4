package com.pokegen.engine.train;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stage configs are records read from JSON presets: built-in defaults
 * ({@code /presets/<stage>-defaults.json}) overlaid with a user's file or overrides. Unknown
 * keys are errors (a typo must not silently train with a default).
 */
public final class Presets {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // steps=1.5 must not train 1 step
            .build();

    private Presets() {}

    /** The built-in defaults of a stage ("teacher", "vae", "add"). */
    public static ObjectNode defaults(String stage) {
        String res = "/presets/" + stage + "-defaults.json";
        try (InputStream in = Presets.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in preset " + res);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable built-in preset " + res, e);
        }
    }

    /** Defaults overlaid with {@code overrides}. */
    public static <T> T of(String stage, ObjectNode overrides, Class<T> type) throws IOException {
        ObjectNode merged = defaults(stage);
        merged.setAll(overrides);
        try {
            return JSON.treeToValue(merged, type);
        } catch (MismatchedInputException e) {
            if (e instanceof PropertyBindingException || e.getPath().isEmpty()) {
                throw new IOException(stage + " config: " + rootMessage(e), e);
            }
            String field = e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new IOException(stage + " config: '" + field + "' must be " + kind(e.getTargetType()) + ", got "
                    + merged.get(field), e);
        } catch (InputCoercionException e) {
            throw new IOException(stage + " config: a value is out of range (" + e.getOriginalMessage() + ")", e);
        } catch (IOException | IllegalArgumentException e) {
            String root = rootMessage(e);
            // the config records already say which stage they belong to
            throw new IOException(root.startsWith(stage + " config:") ? root : stage + " config: " + root, e);
        }
    }

    /** Defaults overlaid with a preset file; errors name the file. */
    public static <T> T load(String stage, Path file, Class<T> type) throws IOException {
        try {
            return of(stage, (ObjectNode) JSON.readTree(Files.readString(file)), type);
        } catch (IOException | ClassCastException e) {
            throw new IOException(file + ": " + rootMessage(e), e);
        }
    }

    private static String kind(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return type == null ? "a valid value" : "a " + type.getSimpleName();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public static ObjectNode toJson(Object config) {
        return JSON.valueToTree(config);
    }
}
