package com.pokegen.engine.data.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads parquet files as Hugging Face datasets writes them, through DuckDB's embedded JDBC
 * driver: an {@code image} column {@code STRUCT(bytes BLOB, path VARCHAR)} (bytes embedded, or
 * a path relative to the parquet file when bytes are null) or a {@code file_name} column, plus
 * the caption column. Other columns go to the record's metadata as JSON.
 */
final class ParquetReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String captionColumn;

    ParquetReader(String captionColumn) {
        this.captionColumn = captionColumn;
    }

    SourceScan read(Path source) throws IOException {
        List<Path> files;
        Path root;
        if (Files.isRegularFile(source)) {
            files = List.of(source.toAbsolutePath());
            root = source.toAbsolutePath().getParent().toRealPath();
        } else {
            root = source.toRealPath();
            try (Stream<Path> walk = Files.walk(root, 3)) {
                files = walk.filter(p -> SourceFormat.extension(p.getFileName().toString()).equals("parquet")).sorted().toList();
            }
        }
        Listing listing = new Listing(root, SourceFormat.PARQUET);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Path file : files) {
                readFile(db, file, root, listing);
            }
        } catch (SQLException e) {
            throw new IOException("cannot read parquet under " + source + ": " + e.getMessage(), e);
        }
        return listing.scan();
    }

    private void readFile(Connection db, Path file, Path root, Listing listing) throws SQLException, IOException {
        String table = "read_parquet('" + file.toString().replace("'", "''") + "')";
        Map<String, String> columns = describe(db, table);
        boolean imageStruct = columns.getOrDefault("image", "").toUpperCase(Locale.ROOT).startsWith("STRUCT");
        String fileColumn = imageStruct ? null : columns.containsKey("file_name") ? "file_name" : null;
        if (!imageStruct && fileColumn == null) {
            throw new IOException(file + ": no image column; expected 'image' STRUCT(bytes BLOB, path VARCHAR) or 'file_name'");
        }
        List<String> extras = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(imageStruct ? "struct_extract(image, 'bytes'), struct_extract(image, 'path')" : "NULL, " + quote(fileColumn));
        sql.append(", ").append(columns.containsKey(captionColumn) ? "CAST(" + quote(captionColumn) + " AS VARCHAR)" : "NULL");
        for (String col : columns.keySet()) {
            if (!col.equals("image") && !col.equals(captionColumn) && !col.equals(fileColumn)) {
                extras.add(col);
                sql.append(", CAST(to_json(").append(quote(col)).append(") AS VARCHAR)");
            }
        }
        sql.append(" FROM ").append(table);
        String fileName = file.getFileName().toString();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            int row = 0;
            while (rs.next()) {
                String where = fileName + " row " + row;
                byte[] bytes = rs.getBytes(1);
                String path = rs.getString(2);
                String caption = rs.getString(3);
                ObjectNode meta = JSON.createObjectNode();
                for (int i = 0; i < extras.size(); i++) {
                    String json = rs.getString(4 + i);
                    meta.set(extras.get(i), json == null ? meta.nullNode() : JSON.readTree(json));
                }
                if (bytes != null) {
                    listing.addEmbedded(embeddedName(path, fileName, row), bytes, caption, meta, where);
                } else if (path != null && !path.isEmpty()) {
                    Path relativeTo = file.getParent().toRealPath();
                    String name = root.relativize(relativeTo).toString().replace('\\', '/');
                    listing.addFile(name.isEmpty() ? path : name + "/" + path, caption, meta, where);
                } else {
                    listing.issue(SourceProblem.BAD_METADATA_LINE, where, where + " has neither image bytes nor a path");
                }
                row++;
            }
        }
    }

    /** The last component of the stored path (Hugging Face keeps the original file name there). */
    private static String embeddedName(String path, String parquetName, int row) {
        if (path == null || path.isBlank()) {
            return parquetName.replaceFirst("\\.parquet$", "") + "/row-" + String.format("%06d", row);
        }
        String p = path.replace('\\', '/');
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static Map<String, String> describe(Connection db, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + table)) {
            while (rs.next()) {
                columns.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return columns;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
