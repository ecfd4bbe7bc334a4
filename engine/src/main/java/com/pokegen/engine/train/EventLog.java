package com.pokegen.engine.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's {@code events.jsonl}: one JSON object per line, appended and flushed per event so a
 * dashboard tailing the file (possibly on another machine) sees progress live. Readers ignore a
 * trailing line without its newline: it is still being written.
 *
 * <p>Fields: {@code step}, {@code time} (epoch seconds), {@code elapsed_s}, {@code kind}
 * ("train", "sample", "checkpoint", "warning", "error", "done"), and per kind {@code losses}
 * (name → value), {@code lr}, {@code grad_norm}, {@code samples_per_s}, {@code samples} (path
 * relative to the run folder), {@code path}, {@code message}.
 */
public final class EventLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Writer out;
    private final long startNanos = System.nanoTime();
    private final double elapsedOffset;

    /** Opens for appending; {@code elapsedOffset} continues the clock of a resumed run. */
    public EventLog(Path file, double elapsedOffset) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.elapsedOffset = elapsedOffset;
    }

    /** A new event with step, time, elapsed and kind filled in. */
    public ObjectNode event(long step, String kind) {
        ObjectNode e = JSON.createObjectNode();
        e.put("step", step);
        e.put("time", System.currentTimeMillis() / 1000.0);
        e.put("elapsed_s", elapsedSeconds());
        e.put("kind", kind);
        return e;
    }

    public double elapsedSeconds() {
        return elapsedOffset + (System.nanoTime() - startNanos) / 1e9;
    }

    public synchronized void write(ObjectNode event) throws IOException {
        try {
            out.write(JSON.writeValueAsString(event));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw AtomicFiles.withPath(e, file);
        }
    }

    /** Complete lines of an events file (a partial last line is skipped). */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return events;
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
