package com.pokegen.engine.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes files so that readers (and a crash) see either the old content or the complete new
 * content, never a partial file: the bytes go to a temporary file in the same directory, are
 * flushed to disk ({@code fsync}), and the temporary file is renamed over the target. The
 * directory is synced too where the platform allows, so the rename itself survives a crash.
 *
 * <p>Folders are staged the same way: build them under {@link #tempSibling}, then {@link #move}
 * them into place. Every temporary name contains {@link #TEMP_MARK}, so the leftovers of a crash
 * are recognisable and {@link #removeStaleTemps} can delete them.
 */
public final class AtomicFiles {

    /** Marker inside every temporary name ({@code NAME.tmp-XXXXXXXXXXXXXXXX}). */
    public static final String TEMP_MARK = ".tmp-";

    /**
     * Temporary files this process is writing right now. {@link #removeStaleTemps} leaves them
     * alone: a second {@code Dataset.open} of a folder (the studio reopening it, a background
     * check) must not delete the temp file of a write still in flight on another thread.
     */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    private AtomicFiles() {}

    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Streams content through {@code body}; closing the stream inside {@code body} is harmless. */
    public static void write(Path target, IOConsumer<OutputStream> body) throws IOException {
        writeChannel(target, channel -> {
            OutputStream out = new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(channel)), 1 << 16);
            body.accept(out);
            out.flush();
        });
    }

    /** Gives {@code body} the temporary file's channel (for large direct-buffer writes). */
    public static void writeChannel(Path target, IOConsumer<FileChannel> body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = tempSibling(absolute);
        IN_FLIGHT.add(temp);
        try {
            // CREATE_NEW (not createTempFile) so the file gets the usual permissions, not 0600.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.accept(channel);
                channel.force(true);
            }
            move(temp, absolute);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw withPath(io, absolute);
            }
            throw e;
        } finally {
            IN_FLIGHT.remove(temp);
        }
        syncDirectory(dir);
    }

    /**
     * The OS says "No space left on device" without saying where; the user needs the path (and
     * which disk) to free space.
     */
    public static IOException withPath(IOException e, Path target) {
        String text = String.valueOf(e.getMessage());
        if (text.contains(target.toString()) || !(text.contains("No space left") || text.contains("quota"))) {
            return e;
        }
        return new IOException(target + ": " + text + " while writing it; free space on that disk (or choose a"
                + " folder on another) and retry", e);
    }

    /**
     * Builds a folder with {@code body} under a temporary sibling and then puts it in place of
     * {@code target}, so readers (and a crash) never see a half-written folder. An existing target
     * is renamed aside first and deleted once the new folder is in place; a crash between the two
     * renames leaves both as temporaries for {@link #removeStaleTemps} and no target at all.
     */
    public static void writeFolder(Path target, IOConsumer<Path> body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = tempSibling(absolute);
        IN_FLIGHT.add(temp);
        try {
            Files.createDirectories(temp);
            body.accept(temp);
            if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                Path old = tempSibling(absolute);
                Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            IN_FLIGHT.remove(temp);
            deleteTree(temp);
        }
        syncDirectory(absolute.getParent());
    }

    /** A fresh temporary path beside {@code target} (same folder, so the rename stays atomic). */
    public static Path tempSibling(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + TEMP_MARK
                + String.format("%016x", ThreadLocalRandom.current().nextLong()));
    }

    /** Renames a fully written file or folder onto {@code target}, atomically where supported. */
    public static void move(Path from, Path target) throws IOException {
        try {
            Files.move(from, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes the leftovers of interrupted writes directly in {@code dir}; returns their names. */
    public static List<String> removeStaleTemps(Path dir) throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.contains(TEMP_MARK) && !IN_FLIGHT.contains(p.toAbsolutePath())) {
                    deleteTree(p);
                    removed.add(name);
                }
            }
        }
        return removed;
    }

    /** Deletes a file or a folder with everything below it; links are removed, not followed. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not possible on every platform (Windows cannot open directories); the data is synced.
        }
    }

    /** Lets {@code body} close its stream without closing the channel we still need to sync. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
