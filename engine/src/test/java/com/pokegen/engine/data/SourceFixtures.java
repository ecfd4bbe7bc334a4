package com.pokegen.engine.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One small captioned-picture content (PNG, JPEG, GIF, WebP, SVG; captions with commas,
 * quotes and accents) written in each import layout.
 */
final class SourceFixtures {

    /** File name -> bytes, in a deliberately unsorted order. */
    final Map<String, byte[]> files = new LinkedHashMap<>();
    /** File name -> caption. */
    final Map<String, String> captions = new LinkedHashMap<>();

    SourceFixtures() {
        add("e.svg", TestImages.resource("images/shape.svg"), "a red disc and a blue bar");
        add("a.png", TestImages.encode(TestImages.shapes(1, 96, 96), "png"), "a red circle, with a comma");
        add("c.gif", TestImages.encode(TestImages.shapes(3, 80, 80), "gif"), "pokémon café");
        add("b.jpg", TestImages.jpeg(TestImages.shapes(2, 100, 90), 0.9f), "a \"quoted\" thing");
        add("d.webp", TestImages.resource("images/pattern.webp"), "a pattern");
    }

    private void add(String name, byte[] bytes, String caption) {
        files.put(name, bytes);
        captions.put(name, caption);
    }

    private void writePictures(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }

    Path imageFolder(Path dir) throws IOException {
        writePictures(dir);
        StringBuilder sb = new StringBuilder();
        captions.forEach((name, caption) -> sb.append("{\"file_name\": \"").append(name).append("\", \"text\": \"")
                .append(caption.replace("\"", "\\\"")).append("\"}\n"));
        Files.writeString(dir.resolve("metadata.jsonl"), sb.toString(), StandardCharsets.UTF_8);
        return dir;
    }

    Path sidecar(Path dir) throws IOException {
        writePictures(dir);
        boolean caption = false;
        for (Map.Entry<String, String> e : captions.entrySet()) {
            String stem = e.getKey().substring(0, e.getKey().lastIndexOf('.'));
            Files.writeString(dir.resolve(stem + (caption ? ".caption" : ".txt")), e.getValue(), StandardCharsets.UTF_8);
            caption = !caption;
        }
        return dir;
    }

    Path csv(Path dir) throws IOException {
        writePictures(dir);
        StringBuilder sb = new StringBuilder("file_name,text\r\n");
        captions.forEach((name, caption) -> sb.append(name).append(",\"").append(caption.replace("\"", "\"\""))
                .append("\"\r\n"));
        Files.writeString(dir.resolve("metadata.csv"), sb.toString(), StandardCharsets.UTF_8);
        return dir;
    }

    /** A Hugging Face datasets-style parquet file: image STRUCT(bytes BLOB, path VARCHAR), text VARCHAR. */
    Path parquet(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Path file = dir.resolve("data").resolve("train-00000-of-00001.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = db.createStatement()) {
                st.execute("CREATE TABLE t(image STRUCT(bytes BLOB, path VARCHAR), text VARCHAR)");
            }
            try (PreparedStatement ps = db.prepareStatement(
                    "INSERT INTO t VALUES (struct_pack(bytes := from_hex(?), path := ?), ?)")) {
                for (Map.Entry<String, byte[]> e : files.entrySet()) {
                    ps.setString(1, java.util.HexFormat.of().formatHex(e.getValue()));
                    ps.setString(2, e.getKey());
                    ps.setString(3, captions.get(e.getKey()));
                    ps.execute();
                }
            }
            try (Statement st = db.createStatement()) {
                st.execute("COPY t TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet)");
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
        return dir;
    }
}
