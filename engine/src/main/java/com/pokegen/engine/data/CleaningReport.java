package com.pokegen.engine.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What cleaning found: every affected file with its reason, counts per reason, and the
 * versions before and after the cleaning edit.
 *
 * @param dataset the dataset folder
 * @param versionBefore version hash before cleaning
 * @param versionAfter version hash after (equal to before for a report-only run or when nothing changed)
 * @param findings import-time and dataset-level findings, in that order
 * @param changesApplied number of journal changes the cleaning edit made
 */
public record CleaningReport(Path dataset, String versionBefore, String versionAfter, List<Finding> findings,
        int changesApplied) {

    public CleaningReport {
        findings = List.copyOf(findings);
    }

    /** Findings per reason (reasons with none are absent). */
    public Map<CleaningReason, Integer> counts() {
        Map<CleaningReason, Integer> counts = new EnumMap<>(CleaningReason.class);
        findings.forEach(f -> counts.merge(f.reason(), 1, Integer::sum));
        return counts;
    }

    /** The findings for one reason. */
    public List<Finding> findings(CleaningReason reason) {
        return findings.stream().filter(f -> f.reason() == reason).toList();
    }

    /** The report as pretty JSON ({@code counts}, then {@code findings}). */
    public byte[] toJson() throws IOException {
        ObjectNode root = DatasetFiles.JSON.createObjectNode();
        root.put("dataset", dataset.toString());
        root.put("versionBefore", versionBefore);
        root.put("versionAfter", versionAfter);
        root.put("changesApplied", changesApplied);
        ObjectNode counts = root.putObject("counts");
        counts().forEach((r, n) -> counts.put(r.name(), n));
        ArrayNode arr = root.putArray("findings");
        findings.forEach(f -> arr.add(DatasetFiles.findingJson(f)));
        return DatasetFiles.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        AtomicFiles.writeBytes(file, toJson());
    }

    /** A few lines for a terminal: counts per reason with the action taken. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(findings.size()).append(" findings, ").append(changesApplied).append(" changes recorded (version ")
                .append(versionBefore).append(" -> ").append(versionAfter).append(")\n");
        counts().forEach((r, n) -> sb.append(String.format("  %-20s %5d  %-8s %s%n", r.name(), n,
                r.action().name().toLowerCase(java.util.Locale.ROOT), r.description())));
        return sb.toString();
    }
}
