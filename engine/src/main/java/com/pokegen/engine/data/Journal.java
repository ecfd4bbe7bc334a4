package com.pokegen.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The append-only edit log of a dataset ({@code journal.jsonl}, one {@link JournalEntry} per
 * line). Each append rewrites the file through a temp file and an atomic rename, so a crash
 * leaves the previous complete journal plus a stale temp, never a torn line. A torn last line
 * (written by another tool) is dropped on load and reported.
 */
final class Journal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<JournalEntry> entries;

    private Journal(Path file, List<JournalEntry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Loads {@code file} (absent = empty journal); notes about recovered damage go to {@code notes}. */
    static Journal load(Path file, List<String> notes) throws IOException {
        List<JournalEntry> entries = new ArrayList<>();
        if (Files.exists(file)) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                boolean last = i == lines.length - 1; // no newline after it: may be torn
                try {
                    entries.add(parse(JSON.readTree(lines[i])));
                } catch (IOException | RuntimeException e) {
                    if (last) {
                        notes.add(file + ": dropped an incomplete last line (" + lines[i].length() + " chars)");
                        break;
                    }
                    throw new IOException(file + " line " + (i + 1) + " is damaged (" + e.getMessage()
                            + "); restore the file from a backup or delete the line and the lines after it", e);
                }
            }
        }
        return new Journal(file, entries);
    }

    List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    int size() {
        return entries.size();
    }

    /** Appends an entry and commits the whole journal atomically. */
    void append(String op, String label, List<Change> changes) throws IOException {
        JournalEntry entry = new JournalEntry(entries.size() + 1, op, label, changes, java.time.Instant.now().toString());
        List<JournalEntry> next = new ArrayList<>(entries);
        next.add(entry);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JournalEntry e : next) {
            out.write(JSON.writeValueAsBytes(toJson(e)));
            out.write('\n');
        }
        AtomicFiles.writeBytes(file, out.toByteArray());
        entries.add(entry);
    }

    /** The edits in effect after the first {@code count} entries, oldest first; undo/redo resolved. */
    static List<JournalEntry> effectiveEdits(List<JournalEntry> entries, int count) {
        Deque<JournalEntry> applied = new ArrayDeque<>();
        Deque<JournalEntry> undone = new ArrayDeque<>();
        for (JournalEntry e : entries.subList(0, count)) {
            switch (e.op()) {
                case JournalEntry.EDIT:
                    applied.push(e);
                    undone.clear();
                    break;
                case JournalEntry.UNDO:
                    if (!applied.isEmpty()) {
                        undone.push(applied.pop());
                    }
                    break;
                default:
                    if (!undone.isEmpty()) {
                        applied.push(undone.pop());
                    }
            }
        }
        List<JournalEntry> out = new ArrayList<>(applied);
        java.util.Collections.reverse(out);
        return out;
    }

    /** How many edits can be undone / redone after the first {@code count} entries. */
    static int[] undoRedoDepth(List<JournalEntry> entries, int count) {
        int applied = 0;
        int undone = 0;
        for (JournalEntry e : entries.subList(0, count)) {
            if (e.op().equals(JournalEntry.EDIT)) {
                applied++;
                undone = 0;
            } else if (e.op().equals(JournalEntry.UNDO) && applied > 0) {
                applied--;
                undone++;
            } else if (e.op().equals(JournalEntry.REDO) && undone > 0) {
                undone--;
                applied++;
            }
        }
        return new int[] {applied, undone};
    }

    private static ObjectNode toJson(JournalEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", e.seq());
        n.put("op", e.op());
        n.put("time", e.time());
        if (e.op().equals(JournalEntry.EDIT)) {
            n.put("label", e.label());
            ArrayNode changes = n.putArray("changes");
            for (Change c : e.changes()) {
                ObjectNode cn = changes.addObject();
                cn.put("item", c.item());
                cn.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (c.value() != null) {
                    cn.put("value", c.value());
                }
            }
        }
        return n;
    }

    private static JournalEntry parse(JsonNode n) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode c : n.path("changes")) {
            Change.Kind kind = Change.Kind.valueOf(c.get("kind").asText().toUpperCase(java.util.Locale.ROOT));
            changes.add(new Change(c.get("item").asText(), kind, c.hasNonNull("value") ? c.get("value").asText() : null));
        }
        return new JournalEntry(n.get("seq").asInt(), n.get("op").asText(), n.path("label").asText(""), changes,
                n.path("time").asText(""));
    }
}
