package com.pokegen.engine.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An OS file lock on {@code RUN/.lock}, held for the life of a training so that two processes
 * (two CLI runs, a {@code --resume} beside a running run, the studio and the CLI) never write one
 * run folder at once. The file holds the holder's PID for the message the loser prints; the OS
 * releases the lock when the holder dies, even by {@code kill -9}, so a stale file never blocks.
 */
public final class RunLock implements AutoCloseable {

    public static final String FILE = ".lock";

    /**
     * Locks this JVM holds, by folder. Java releases every lock a process holds on a file when any
     * channel on it closes, so {@link #holder} must not open the file of a lock held here.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean createdFolder;

    private RunLock(Path root, FileChannel channel, FileLock lock, boolean createdFolder) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
        this.createdFolder = createdFolder;
    }

    /**
     * Locks {@code run} (creating the folder if needed) or fails at once.
     *
     * @throws RunLockedException naming the holder's PID when another process or thread holds it
     */
    public static RunLock acquire(Path run) throws IOException {
        Path root = run.toAbsolutePath().normalize();
        if (!HELD.add(root)) {
            throw locked(root, ProcessHandle.current().pid());
        }
        try {
            return lock(root);
        } catch (IOException | RuntimeException e) {
            HELD.remove(root);
            throw e;
        }
    }

    private static RunLock lock(Path root) throws IOException {
        boolean created = !Files.isDirectory(root);
        Files.createDirectories(root);
        FileChannel channel = FileChannel.open(root.resolve(FILE), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel);
        if (lock == null) {
            long pid = readPid(channel);
            channel.close();
            throw locked(root, pid);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
        return new RunLock(root, channel, lock, created);
    }

    /** The PID of the process training in {@code run} now, if any (the studio marks it as running). */
    public static OptionalLong holder(Path run) {
        Path root = run.toAbsolutePath().normalize();
        if (HELD.contains(root)) {
            return OptionalLong.of(ProcessHandle.current().pid());
        }
        Path file = root.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return OptionalLong.empty();
            }
            return OptionalLong.of(readPid(channel));
        } catch (IOException e) {
            return OptionalLong.empty(); // unreadable: nobody we can name holds it
        }
    }

    /**
     * Releases the lock. A folder this lock created and that holds nothing else (the training
     * failed before writing anything) is removed, so a refused start leaves no empty run behind.
     */
    @Override
    public void close() throws IOException {
        try (channel) {
            lock.release();
        } finally {
            HELD.remove(root);
        }
        if (createdFolder && onlyTheLockFile()) {
            Files.deleteIfExists(root.resolve(FILE));
            Files.deleteIfExists(root);
        }
    }

    private boolean onlyTheLockFile() throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.allMatch(p -> p.getFileName().toString().equals(FILE));
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static long readPid(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1; // the holder has not written its PID yet
        }
    }

    private static RunLockedException locked(Path root, long pid) {
        String who = pid < 0 ? "another process" : "process " + pid;
        return new RunLockedException(root + " is in use by " + who + " (a training holds " + FILE
                + "); wait for it to finish or stop it, then retry");
    }

    /** Another process (or thread) is training in the run folder. */
    public static final class RunLockedException extends IOException {
        public RunLockedException(String message) {
            super(message);
        }
    }
}
