package com.pokegen.engine.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A run's {@code spec.json}: the resolved config it trains with. A resumed run trains with that
 * config; a change asked for on resume is refused with the list of differences unless the user
 * allows it, and an allowed change is kept in the spec's {@code history}.
 */
public final class RunSpec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunSpec() {}

    /** Builds a stage config from overrides of its defaults (e.g. {@code VaeConfig::of}). */
    @FunctionalInterface
    public interface Parser<T extends StageConfig> {
        T parse(ObjectNode overrides) throws IOException;
    }

    /**
     * The config to resume {@code run} with: its spec's config, with {@code requested} laid over
     * it only when {@code allowChange}.
     *
     * @throws IOException naming spec.json and every differing key unless {@code allowChange}
     */
    public static <T extends StageConfig> T resumeConfig(Path run, ObjectNode requested, boolean allowChange,
            Parser<T> parser) throws IOException {
        Path file = new RunFolder(run).spec();
        JsonNode stored = readSpec(file).get("config");
        if (!(stored instanceof ObjectNode)) {
            throw new IOException(file + ": no \"config\" object; the run cannot be resumed, start a new one");
        }
        T original = parser.parse(((ObjectNode) stored).deepCopy());
        ObjectNode merged = ((ObjectNode) stored).deepCopy();
        merged.setAll(requested);
        T wanted = parser.parse(merged);
        List<String> changes = describe(differences(original.toJson(), wanted.toJson()));
        if (!changes.isEmpty() && !allowChange) {
            throw new IOException(file + ": --resume trains with the run's own settings, but --set/--preset asks for "
                    + String.join(", ", changes) + "; drop those values or pass --allow-spec-change to record the"
                    + " change in the spec's history");
        }
        return wanted;
    }

    /**
     * Writes {@code spec} for a new run; on resume keeps the stored spec, taking the new config
     * (and total steps) only when it differs, with a {@code history} entry of what changed.
     */
    static void write(RunFolder run, ObjectNode spec, boolean resume) throws IOException {
        Path file = run.spec();
        if (resume && Files.exists(file)) {
            ObjectNode stored = readSpec(file);
            // through text, as the stored spec was read: a float field otherwise never equals its double
            JsonNode config = JSON.readTree(spec.path("config").toString());
            ObjectNode changes = differences(stored.path("config"), config);
            if (changes.isEmpty()) {
                return;
            }
            ArrayNode history = stored.has("history") ? (ArrayNode) stored.get("history") : stored.putArray("history");
            ObjectNode entry = history.addObject();
            entry.put("time", Instant.now().toString());
            entry.set("changes", changes);
            stored.set("config", spec.get("config"));
            stored.set("total_steps", spec.get("total_steps"));
            spec = stored;
        }
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec));
    }

    private static ObjectNode readSpec(Path file) throws IOException {
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException | ClassCastException e) {
            throw new IOException(file + ": unreadable spec (" + e.getMessage() + "); restore it or start a new run", e);
        }
    }

    /** Keys whose values differ, as {@code {"key": {"from": old, "to": new}}}. */
    private static ObjectNode differences(JsonNode from, JsonNode to) {
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = to.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = from.path(e.getKey());
            if (!old.equals(e.getValue())) {
                ObjectNode change = out.putObject(e.getKey());
                change.set("from", old.isMissingNode() ? null : old);
                change.set("to", e.getValue());
            }
        }
        return out;
    }

    private static List<String> describe(ObjectNode changes) {
        List<String> out = new ArrayList<>();
        changes.fields().forEachRemaining(e -> out.add(e.getKey() + " " + e.getValue().get("from") + " -> "
                + e.getValue().get("to")));
        return out;
    }
}
