package com.pokegen.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesCreateParentsAndReplace() throws IOException {
        Path f = tmp.resolve("a/b/spec.json");
        AtomicFiles.writeString(f, "{\"é\": 1}");
        assertEquals("{\"é\": 1}", Files.readString(f));
        AtomicFiles.writeBytes(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        AtomicFiles.write(f, out -> {
            out.write(9);
            out.close(); // harmless
        });
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(f));
        assertEquals(List.of("spec.json"), names(f.getParent()));
    }

    /** A failing writer leaves the old content and no temporary file behind. */
    @Test
    void failedWriteKeepsTheOldFile() throws IOException {
        Path f = tmp.resolve("events.json");
        AtomicFiles.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("events.json"), names(tmp));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of("events.json"), names(tmp));
    }

    /** A crash mid-write leaves a temp that {@code removeStaleTemps} recognises and deletes. */
    @Test
    void crashLeftoversAreMarkedAndRemovable() throws IOException {
        Path f = tmp.resolve("journal.jsonl");
        AtomicFiles.write(f, out -> {
            List<String> during = names(tmp);
            assertEquals(1, during.size(), during.toString());
            assertTrue(during.get(0).startsWith("journal.jsonl" + AtomicFiles.TEMP_MARK), during.get(0));
        });
        Path staged = AtomicFiles.tempSibling(tmp.resolve("import"));
        assertEquals(tmp, staged.getParent());
        Files.createDirectories(staged.resolve("images"));
        Files.writeString(staged.resolve("images/a.png"), "x");
        Files.writeString(AtomicFiles.tempSibling(f), "half");

        List<String> removed = AtomicFiles.removeStaleTemps(tmp);
        assertEquals(2, removed.size(), removed.toString());
        assertEquals(List.of("journal.jsonl"), names(tmp));
        assertEquals(List.of(), AtomicFiles.removeStaleTemps(tmp.resolve("missing")));
    }

    @Test
    void moveReplacesAFolderAndDeleteTreeRemovesIt() throws IOException {
        Path staged = AtomicFiles.tempSibling(tmp.resolve("out"));
        Files.createDirectories(staged.resolve("x/y"));
        Files.writeString(staged.resolve("x/y/z.txt"), "z");
        AtomicFiles.move(staged, tmp.resolve("out"));
        assertEquals("z", Files.readString(tmp.resolve("out/x/y/z.txt")));
        AtomicFiles.deleteTree(tmp.resolve("out"));
        AtomicFiles.deleteTree(tmp.resolve("out")); // already gone: no error
        assertEquals(List.of(), names(tmp));
    }

    /** A reopen racing a write (another thread) must not delete that write's temp file. */
    @Test
    void staleTempCleanupSparesWritesInFlight(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path target = dir.resolve("journal.jsonl");
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                AtomicFiles.write(target, out -> {
                    out.write(1);
                    writing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        writing.await();
        java.nio.file.Files.writeString(dir.resolve("old.txt" + AtomicFiles.TEMP_MARK + "0000000000000001"), "crash leftover");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("old.txt" + AtomicFiles.TEMP_MARK + "0000000000000001"),
                AtomicFiles.removeStaleTemps(dir));
        release.countDown();
        writer.join();
        org.junit.jupiter.api.Assertions.assertEquals(1, java.nio.file.Files.readAllBytes(target).length);
    }

    /** Reliability issue: "No space left on device" did not say which file (or disk). */
    @Test
    void aFullDiskNamesTheFileBeingWritten(@TempDir Path dir) {
        Path target = dir.resolve("checkpoints/step-000004/state.json");
        IOException e = assertThrows(IOException.class,
                () -> AtomicFiles.write(target, out -> {
                    throw new IOException("No space left on device");
                }));
        assertTrue(e.getMessage().startsWith(target.toAbsolutePath()
                + ": No space left on device") && e.getMessage().contains("free space"), e.getMessage());
        assertFalse(Files.exists(target));
    }
}
