package com.pokegen.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * JSON files as diffusers and transformers write them ({@code json.dumps(d, indent=2,
 * sort_keys=True) + "\n"}: sorted keys, two-space indent, {@code ": "}, non-ASCII escaped), read
 * strictly (duplicate keys are an error, not "last one wins").
 */
public final class JsonFiles {

    /** Shared mapper; duplicate keys fail instead of silently keeping the last. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private static final ObjectWriter PYTHON_STYLE = MAPPER.writer(pythonPrinter());

    private JsonFiles() {}

    /** Reads a file that must hold one JSON object; errors name the file, line and column. */
    public static ObjectNode readObject(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing (expected a JSON file)");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IOException(file + ": expected a JSON object, found "
                    + (node == null || node.isMissingNode() ? "an empty file" : node.getNodeType().toString().toLowerCase()));
        }
        return (ObjectNode) node;
    }

    /** {@code node} with object keys sorted at every level, printed as Python's json module would (plus "\n"). */
    public static String toPythonStyle(JsonNode node) {
        try {
            return PYTHON_STYLE.writeValueAsString(sortedCopy(node)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode tree always serialises", e);
        }
    }

    /** Writes {@code node} in Python style, atomically. */
    public static void write(Path file, JsonNode node) throws IOException {
        AtomicFiles.writeString(file, toPythonStyle(node));
    }

    static JsonNode sortedCopy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            for (String name : names) {
                out.set(name, sortedCopy(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(element -> out.add(sortedCopy(element)));
            return out;
        }
        return node;
    }

    private static DefaultPrettyPrinter pythonPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }
}
