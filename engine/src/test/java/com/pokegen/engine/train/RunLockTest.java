package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.cli.PokegenCliAccess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability issue, "two processes on one run folder corrupt it": a training holds an OS lock on
 * its run folder; a second process fails at once naming the holder's PID.
 */
class RunLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondProcessFailsAtOnceNamingTheHolder() throws Exception {
        Path run = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RunLockHolderProcess.class.getName(), run.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked " + child.pid(), out.readLine());

            RunLock.RunLockedException e = assertThrows(RunLock.RunLockedException.class, () -> RunLock.acquire(run));
            assertTrue(e.getMessage().contains("process " + child.pid()) && e.getMessage().contains(run.toString()),
                    e.getMessage());
            assertEquals(OptionalLong.of(child.pid()), RunLock.holder(run));

            long t0 = System.nanoTime();
            String err = PokegenCliAccess.fails("train-vae", "--data", dir.resolve("no-data").toString(),
                    "--run", run.toString());
            assertTrue(err.contains("in use by process " + child.pid()), err);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "fails at once");
        } finally {
            child.destroyForcibly(); // kill -9: the OS drops the lock with the process
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(OptionalLong.empty(), RunLock.holder(run));
        try (RunLock lock = RunLock.acquire(run)) {
            assertEquals(OptionalLong.of(ProcessHandle.current().pid()), RunLock.holder(run));
        }
    }

    @Test
    void aSecondLockInTheSameProcessFailsAndAFailedStartLeavesNoFolder() throws Exception {
        Path run = dir.resolve("run");
        try (RunLock lock = RunLock.acquire(run)) {
            assertThrows(RunLock.RunLockedException.class, () -> RunLock.acquire(run));
            assertTrue(Files.isRegularFile(run.resolve(RunLock.FILE)));
        }
        assertFalse(Files.exists(run), "a lock that created the folder and wrote nothing removes it");
        Files.createDirectories(run.resolve("checkpoints"));
        RunLock.acquire(run).close();
        assertTrue(Files.isDirectory(run.resolve("checkpoints")), "an existing run folder stays");
    }
}
