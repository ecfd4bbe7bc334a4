package com.pokegen.app.training;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines appended to an events file since the previous poll. Only complete lines
 * (ending in '\n') count: a line the trainer is still writing is picked up by a later poll.
 * If the file shrinks (a run restarted in the same folder) reading starts over and the batch
 * says so. One poll at a time (the dashboard never overlaps them).
 */
public final class EventsTailer {

    /** What one poll found. */
    public record Batch(List<TrainingEvent> events, boolean restarted, int malformedLines) {
    }

    private static final int MAX_BYTES_PER_POLL = 16 << 20;

    private final Path file;
    private long offset;

    public EventsTailer(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Batch poll() throws IOException {
        if (!Files.exists(file)) {
            return new Batch(List.of(), false, 0);
        }
        boolean restarted = false;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < offset) {
                offset = 0;
                restarted = true;
            }
            int available = (int) Math.min(length - offset, MAX_BYTES_PER_POLL);
            if (available <= 0) {
                return new Batch(List.of(), restarted, 0);
            }
            byte[] bytes = new byte[available];
            in.seek(offset);
            in.readFully(bytes);
            int end = lastNewline(bytes);
            if (end < 0) {
                return new Batch(List.of(), restarted, 0);
            }
            offset += end + 1;
            return parse(new String(bytes, 0, end + 1, StandardCharsets.UTF_8), restarted);
        }
    }

    private static Batch parse(String text, boolean restarted) {
        List<TrainingEvent> events = new ArrayList<>();
        int malformed = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            var event = EventsParser.parse(line);
            if (event.isPresent()) {
                events.add(event.get());
            } else {
                malformed++;
            }
        }
        return new Batch(events, restarted, malformed);
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
