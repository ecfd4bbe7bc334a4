package com.pokegen.engine.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes files and folders so that a reader sees either the old or the new content, never a
 * half-written one: write to a sibling temp name ({@code NAME.tmp-<random>}), force to disk,
 * then rename over the target. A crash leaves at most a stale temp, which {@link
 * #removeStaleTemps} deletes.
 */
public final class AtomicFiles {

    /** Marker inside every temp name, used to recognise leftovers. */
    public static final String TEMP_MARK = ".tmp-";

    private AtomicFiles() {}

    /** Replaces {@code target} with {@code bytes} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path temp = tempSibling(target);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes through {@code body} into a temp file, then renames it to {@code target}. */
    public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        Path temp = tempSibling(target);
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
                body.accept(out);
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A fresh temp path beside {@code target} (same folder, so the rename stays atomic). */
    public static Path tempSibling(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        return parent.resolve(target.getFileName() + TEMP_MARK + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Renames a fully written file or folder onto {@code target} atomically where supported. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes temp leftovers of interrupted writes in {@code dir}; returns their names. */
    public static List<String> removeStaleTemps(Path dir) throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.contains(TEMP_MARK)) {
                    deleteTree(p);
                    removed.add(name);
                }
            }
        }
        return removed;
    }

    /** Deletes a file or a folder with everything below it (without following links). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** An I/O action on a value. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }
}
