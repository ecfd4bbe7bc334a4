package com.pokegen.engine.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Human A/B judgements in an embedded SQLite database (one file per project or run). Writes are
 * serialised within a store and across processes (WAL journal, busy timeout), so the app's A/B
 * panel and a CLI can record into the same file. Bradley–Terry strengths and a CSV export read
 * the same table.
 */
public final class HumanEvalStore implements AutoCloseable {

    static final List<String> COLUMNS = List.of("id", "prompt", "image_a", "image_b", "model_a", "model_b", "preferred",
            "rater", "time");
    private static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Connection connection;
    private final Clock clock;

    private HumanEvalStore(Path file, Connection connection, Clock clock) {
        this.file = file;
        this.connection = connection;
        this.clock = clock;
    }

    /** Opens or creates the database file. */
    public static HumanEvalStore open(Path file) throws IOException {
        return open(file, Clock.systemUTC());
    }

    /** Opens with a clock for the comparisons' timestamps (tests pass a fixed one). */
    public static HumanEvalStore open(Path file, Clock clock) throws IOException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Properties props = new Properties();
            props.setProperty("busy_timeout", "30000"); // wait for another writer instead of failing
            props.setProperty("journal_mode", "WAL");
            props.setProperty("synchronous", "NORMAL"); // WAL + NORMAL: never corrupt, fsync at checkpoints
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), props);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS comparisons ("
                        + "id INTEGER PRIMARY KEY AUTOINCREMENT, prompt TEXT NOT NULL, image_a TEXT NOT NULL, "
                        + "image_b TEXT NOT NULL, model_a TEXT NOT NULL, model_b TEXT NOT NULL, "
                        + "preferred TEXT NOT NULL CHECK (preferred IN ('a', 'b', 'tie', 'skip')), "
                        + "rater TEXT NOT NULL, time TEXT NOT NULL)");
                s.executeUpdate("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.executeUpdate("INSERT OR IGNORE INTO meta VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
                try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
                    int v = rs.next() ? Integer.parseInt(rs.getString(1)) : -1;
                    if (v != SCHEMA_VERSION) {
                        c.close();
                        throw new IOException(file + ": human-evaluation schema version " + v + ", this build reads "
                                + SCHEMA_VERSION);
                    }
                }
            }
            return new HumanEvalStore(file, c, clock);
        } catch (SQLException e) {
            throw new IOException(file + ": cannot open the human-evaluation database (" + e.getMessage() + ")", e);
        }
    }

    /** Stores a judgement made now; returns it with its id and time. */
    public synchronized Comparison record(String prompt, String imageA, String imageB, String modelA, String modelB,
            Comparison.Preference preferred, String rater) throws IOException {
        Comparison c = new Comparison(0, prompt, imageA, imageB, modelA, modelB, preferred, rater, clock.instant());
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO comparisons "
                + "(prompt, image_a, image_b, model_a, model_b, preferred, rater, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, c);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Comparison(keys.getLong(1), prompt, imageA, imageB, modelA, modelB, preferred, rater, c.time());
            }
        } catch (SQLException e) {
            throw new IOException(file + ": could not record the comparison (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Adds comparisons with their own raters and times (a CSV import, votes from another store) in
     * one transaction; ids are reassigned. Returns how many were added.
     */
    public synchronized int importAll(List<Comparison> comparisons) throws IOException {
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO comparisons "
                    + "(prompt, image_a, image_b, model_a, model_b, preferred, rater, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Comparison c : comparisons) {
                    bind(ps, c);
                    ps.addBatch();
                }
                ps.executeBatch();
                connection.commit();
                return comparisons.size();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException(file + ": import failed, nothing was added (" + e.getMessage() + ")", e);
        }
    }

    private static void bind(PreparedStatement ps, Comparison c) throws SQLException {
        ps.setString(1, c.prompt());
        ps.setString(2, c.imageA());
        ps.setString(3, c.imageB());
        ps.setString(4, c.modelA());
        ps.setString(5, c.modelB());
        ps.setString(6, c.preferred().code());
        ps.setString(7, c.rater());
        ps.setString(8, c.time().toString());
    }

    /** Every comparison in id order. */
    public synchronized List<Comparison> list() throws IOException {
        List<Comparison> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + String.join(", ", COLUMNS) + " FROM comparisons ORDER BY id")) {
            while (rs.next()) {
                out.add(new Comparison(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), Comparison.Preference.parse(rs.getString(7)), rs.getString(8),
                        Instant.parse(rs.getString(9))));
            }
            return out;
        } catch (SQLException e) {
            throw new IOException(file + ": could not read comparisons (" + e.getMessage() + ")", e);
        }
    }

    /** Writes every comparison as RFC 4180 CSV with a header row, atomically. */
    public void exportCsv(Path target) throws IOException {
        List<Comparison> all = list();
        Path tmp = SafetensorsFiles.tempSibling(target);
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(Csv.row(COLUMNS));
            for (Comparison c : all) {
                w.write(Csv.row(List.of(Long.toString(c.id()), c.prompt(), c.imageA(), c.imageB(), c.modelA(), c.modelB(),
                        c.preferred().code(), c.rater(), c.time().toString())));
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        SafetensorsFiles.moveAtomically(tmp, target);
    }

    /** Reads a CSV written by {@link #exportCsv}. */
    public static List<Comparison> readCsv(Path csv) throws IOException {
        List<List<String>> rows = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
        if (rows.isEmpty() || !rows.get(0).equals(COLUMNS)) {
            throw new IOException(csv + ": expected the header " + String.join(",", COLUMNS));
        }
        List<Comparison> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() != COLUMNS.size()) {
                throw new IOException(csv + ": record " + i + " has " + r.size() + " fields, expected " + COLUMNS.size());
            }
            out.add(new Comparison(Long.parseLong(r.get(0)), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5),
                    Comparison.Preference.parse(r.get(6)), r.get(7), Instant.parse(r.get(8))));
        }
        return out;
    }

    /** Bradley–Terry strengths of every model in the store. */
    public List<BradleyTerry.Strength> bradleyTerry(BradleyTerry model) throws IOException {
        return model.fit(list());
    }

    /** Bradley–Terry with defaults (prior 1 game, 200 bootstrap samples, seed 0). */
    public List<BradleyTerry.Strength> bradleyTerry() throws IOException {
        return bradleyTerry(BradleyTerry.defaults());
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": closing the database failed", e);
        }
    }
}
