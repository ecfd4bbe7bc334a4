package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when of the evaluation issue: the SQLite vote store survives a writer killed mid-stream
 * (SIGKILL, no shutdown hooks, no close) without losing any vote it reported as committed, and the
 * file stays consistent. Relies on the store's WAL journal.
 */
class HumanEvalStoreKillTest {

    private static final int VOTES_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    void killedWriterLosesNoCommittedVote() throws Exception {
        Path db = dir.resolve("votes.sqlite");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("committed.txt"); // a file, not a pipe: it survives the kill intact
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                VoteWriterProcess.class.getName(), db.toString())
                .redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (committed(log).size() < VOTES_BEFORE_KILL) {
            assertTrue(child.isAlive(), "the child exited early: " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "the child wrote too slowly");
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL while it keeps inserting
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        Set<Long> reported = committed(log); // every complete line, including any printed after the kill was sent
        assertEquals(137, child.exitValue(), "expected death by SIGKILL");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            assertEquals("wal", scalar(s, "PRAGMA journal_mode"), "the store must use a WAL journal");
            assertEquals("ok", scalar(s, "PRAGMA integrity_check"));
        }
        try (HumanEvalStore store = HumanEvalStore.open(db)) {
            List<Comparison> all = store.list();
            Set<Long> stored = all.stream().map(Comparison::id).collect(Collectors.toCollection(HashSet::new));
            Set<Long> lost = new LinkedHashSet<>(reported);
            lost.removeAll(stored);
            System.out.printf("killed writer: %d votes reported committed, %d stored, %d lost%n", reported.size(),
                    stored.size(), lost.size());
            assertTrue(lost.isEmpty(), "committed votes lost after the kill: " + lost);
            assertTrue(stored.size() <= reported.size() + 1, "at most the in-flight vote may be stored unreported");
            Comparison last = store.record("after the kill", "a.png", "b.png", "teacher@50", "student@1",
                    Comparison.Preference.TIE, "parent");
            assertTrue(last.id() > all.get(all.size() - 1).id(), "the store accepts new votes after recovery");
        }
    }

    /** Ids on complete lines (a line cut by the kill is not a claim). */
    private static Set<Long> committed(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Set<Long> ids = new LinkedHashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) { // the last piece has no newline yet
            if (!lines[i].equals("open")) {
                ids.add(Long.parseLong(lines[i].trim()));
            }
        }
        return ids;
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
