package com.pokegen.engine.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.jsonl} of a batch folder: one {@link ManifestRow} per finished image, appended
 * and synced only after the image's PNG is complete on disk, so every row names a whole file. A
 * kill can leave at most a torn last line; {@link #open} cuts it off (that image is rendered again,
 * to the same bytes). A folder belongs to one model: opening it for another fails.
 */
public final class Manifest implements AutoCloseable {

    public static final String FILE = "manifest.jsonl";

    private final Path file;
    private final FileChannel channel;
    private final Map<BatchItem, ManifestRow> rows;

    private Manifest(Path file, FileChannel channel, Map<BatchItem, ManifestRow> rows) {
        this.file = file;
        this.channel = channel;
        this.rows = rows;
    }

    /**
     * Opens (or creates) {@code dir/manifest.jsonl} for appending rows of {@code model}.
     *
     * @throws IOException when a complete line is not a row, or a row belongs to another model
     */
    public static Manifest open(Path dir, String model) throws IOException {
        Path file = dir.resolve(FILE);
        Map<BatchItem, ManifestRow> rows = checkModel(dir, model);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.position(channel.size());
        return new Manifest(file, channel, rows);
    }

    /**
     * The rows of {@code dir}'s manifest (none when there is none yet), checked to be {@code model}'s.
     *
     * @throws IOException naming both models when the folder holds another model's batch
     */
    public static Map<BatchItem, ManifestRow> checkModel(Path dir, String model) throws IOException {
        Map<BatchItem, ManifestRow> rows = read(dir.resolve(FILE));
        for (ManifestRow r : rows.values()) {
            if (!r.model().equals(model)) {
                throw new IOException(dir + " already holds a batch of another model (" + r.model() + ", this one is "
                        + model + "); choose another --out folder, or the model that made it");
            }
        }
        return rows;
    }

    /** The rows of {@code file} (none when it does not exist), cutting off a torn last line. */
    public static Map<BatchItem, ManifestRow> read(Path file) throws IOException {
        Map<BatchItem, ManifestRow> rows = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return rows;
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = lastNewline(bytes) + 1;
        if (end < bytes.length) {
            truncate(file, end);
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                ManifestRow r = ManifestRow.parse(lines[i]);
                rows.put(r.item(), r);
            } catch (IOException e) {
                throw new IOException(file + " line " + (i + 1) + " is not a manifest row (" + e.getMessage()
                        + "); this folder was not written by pokegen batch, choose another --out", e);
            }
        }
        return rows;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void truncate(Path file, int size) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(size);
            c.force(true);
        }
    }

    public boolean contains(BatchItem item) {
        synchronized (rows) {
            return rows.containsKey(item);
        }
    }

    /** Rows in the order they were appended. */
    public List<ManifestRow> rows() {
        synchronized (rows) {
            return new ArrayList<>(rows.values());
        }
    }

    /** Appends one row and syncs it; call after the row's PNG is written. Thread-safe. */
    public void append(ManifestRow row) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((row.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (rows) {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
            rows.put(row.item(), row);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
