package com.pokegen.app.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Parses {@code events.jsonl} lines leniently: unknown fields are ignored, non-numbers skipped. */
public final class EventsParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventsParser() {
    }

    /** The event of one complete line; empty for blank or malformed lines. */
    public static Optional<TrainingEvent> parse(String line) {
        if (line == null || line.isBlank()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        TrainingEvent.Kind kind = kindOf(node.path("kind").asText("train"));
        String path = kind == TrainingEvent.Kind.SAMPLE ? text(node, "samples") : text(node, "path");
        return Optional.of(new TrainingEvent(kind, node.path("step").asLong(0), number(node, "elapsed_s"),
                losses(node.path("losses")), number(node, "samples_per_s"), path, text(node, "message")));
    }

    private static TrainingEvent.Kind kindOf(String kind) {
        try {
            return TrainingEvent.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return TrainingEvent.Kind.OTHER;
        }
    }

    private static Map<String, Double> losses(JsonNode node) {
        if (!node.isObject()) {
            return Map.of();
        }
        Map<String, Double> losses = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNumber() && Double.isFinite(field.getValue().asDouble())) {
                losses.put(field.getKey(), field.getValue().asDouble());
            }
        }
        return Collections.unmodifiableMap(losses);
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
