package com.pokegen.app.service.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.app.service.AbPair;
import com.pokegen.app.service.AbVote;
import com.pokegen.app.service.EvaluationReport;
import com.pokegen.app.service.EvaluationService;
import com.pokegen.app.service.Metric;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Evaluation folders on disk: {@code report.json} (any JSON; every number is shown), PNG contact
 * sheets in the folder or its {@code contact_sheets/}, A/B pairs in {@code ab/pairs.jsonl}
 * ({@code {"id","prompt","left","right"}}, image paths relative to the folder) and votes appended
 * to {@code ab/votes.jsonl}, an append-only journal (one line per vote, flushed before returning).
 */
public final class LocalEvaluationService implements EvaluationService {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public EvaluationReport readReport(Path reportOrFolder) throws IOException {
        Path report = Files.isDirectory(reportOrFolder) ? reportOrFolder.resolve("report.json") : reportOrFolder;
        if (!Files.exists(report)) {
            throw new NoSuchFileException(report.toString(), null, "no report.json: run ./pokegen eval first");
        }
        JsonNode root;
        try {
            root = JSON.readTree(report.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException("Malformed " + report + ": " + e.getOriginalMessage(), e);
        }
        List<Metric> metrics = new ArrayList<>();
        flatten("", root, metrics);
        Path folder = report.toAbsolutePath().getParent();
        List<Path> sheets = new ArrayList<>(pngs(folder));
        sheets.addAll(pngs(folder.resolve("contact_sheets")));
        return new EvaluationReport(folder, metrics, sheets);
    }

    @Override
    public Optional<AbPair> nextPair(Path evalFolder) throws IOException {
        Path pairs = evalFolder.resolve("ab").resolve("pairs.jsonl");
        if (!Files.exists(pairs)) {
            return Optional.empty();
        }
        Set<String> voted = votedIds(evalFolder);
        for (String line : Files.readAllLines(pairs, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            String id = node.path("id").asText();
            if (!voted.contains(id)) {
                Path base = pairs.getParent();
                return Optional.of(new AbPair(id, node.path("prompt").asText(),
                        base.resolve(node.path("left").asText()), base.resolve(node.path("right").asText())));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void recordVote(Path evalFolder, AbPair pair, AbVote vote) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", pair.id());
        line.put("vote", vote.name().toLowerCase(Locale.ROOT));
        line.put("time", System.currentTimeMillis() / 1000.0);
        Path votes = evalFolder.resolve("ab").resolve("votes.jsonl");
        Files.createDirectories(votes.getParent());
        Files.writeString(votes, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    /** Every number under {@code node}, keyed by its dotted path (array elements by index). */
    static void flatten(String prefix, JsonNode node, List<Metric> out) {
        if (node == null) {
            return;
        }
        if (node.isNumber()) {
            out.add(new Metric(prefix.isEmpty() ? "value" : prefix, node.asDouble()));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), out);
            }
        }
    }

    private Set<String> votedIds(Path evalFolder) throws IOException {
        Path votes = evalFolder.resolve("ab").resolve("votes.jsonl");
        Set<String> ids = new HashSet<>();
        if (Files.exists(votes)) {
            for (String line : Files.readAllLines(votes, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    ids.add(JSON.readTree(line).path("id").asText());
                }
            }
        }
        return ids;
    }

    private static List<Path> pngs(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        }
    }
}
