package com.pokegen.engine.data.source;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV listing (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) with a
 * header naming a file column ({@code file_name}, {@code filename}, {@code file}, {@code image}
 * or {@code path}) and the caption column. Fields are split on bytes, then each record is
 * decoded as UTF-8 on its own, so one bad record does not spoil the rest.
 */
final class CsvReader {

    private static final List<String> FILE_COLUMNS = List.of("file_name", "filename", "file", "image", "path");
    private final String captionColumn;

    CsvReader(String captionColumn) {
        this.captionColumn = captionColumn;
    }

    SourceScan read(Path source) throws IOException {
        Path csv = Files.isDirectory(source) ? source.resolve("metadata.csv") : source;
        Path root = csv.toAbsolutePath().getParent().toRealPath();
        String csvName = csv.getFileName().toString();
        Listing listing = new Listing(root, SourceFormat.CSV);
        List<RawRecord> raw = split(Files.readAllBytes(csv));
        if (raw.isEmpty()) {
            throw new IOException(csv + " is empty; it needs a header line with file_name and " + captionColumn);
        }
        List<String> header = decode(raw.get(0));
        if (header == null) {
            throw new IOException(csv + ": header line is not valid UTF-8");
        }
        int fileCol = FILE_COLUMNS.stream().mapToInt(header::indexOf).filter(i -> i >= 0).findFirst().orElse(-1);
        if (fileCol < 0) {
            throw new IOException(csv + ": no file column; name one of " + FILE_COLUMNS + " in the header");
        }
        int captionCol = header.indexOf(captionColumn);
        for (RawRecord rec : raw.subList(1, raw.size())) {
            String where = csvName + " line " + rec.line;
            List<String> fields = decode(rec);
            if (fields == null) {
                listing.issue(SourceProblem.BAD_METADATA_LINE, where, where + " is not valid UTF-8; re-save the file as UTF-8");
                continue;
            }
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            if (fields.size() != header.size()) {
                listing.issue(SourceProblem.BAD_METADATA_LINE, where, where + " has " + fields.size()
                        + " fields, the header has " + header.size());
                continue;
            }
            String name = fields.get(fileCol);
            if (name.isEmpty()) {
                listing.issue(SourceProblem.BAD_METADATA_LINE, where, where + " has an empty file name");
                continue;
            }
            ObjectNode meta = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < header.size(); i++) {
                if (i != fileCol && i != captionCol) {
                    meta.put(header.get(i), fields.get(i));
                }
            }
            String caption = captionCol < 0 ? null : fields.get(captionCol);
            listing.addFile(name, caption, meta, where);
        }
        listing.reportUnlisted();
        return listing.scan();
    }

    /** One record's fields as raw bytes, and the line it starts on. */
    private record RawRecord(int line, List<byte[]> fields) {}

    private static List<String> decode(RawRecord rec) {
        List<String> out = new ArrayList<>();
        try {
            for (byte[] f : rec.fields) {
                out.add(Listing.strictUtf8(f, 0, f.length));
            }
        } catch (CharacterCodingException e) {
            return null;
        }
        return out;
    }

    private static List<RawRecord> split(byte[] b) {
        List<RawRecord> records = new ArrayList<>();
        List<byte[]> fields = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        int start = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = start; i < b.length; i++) {
            byte c = b[i];
            if (quoted) {
                if (c == '"' && i + 1 < b.length && b[i + 1] == '"') {
                    field.write('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.write(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toByteArray());
                field.reset();
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < b.length && b[i + 1] == '\n') {
                    i++;
                }
                fields.add(field.toByteArray());
                field.reset();
                records.add(new RawRecord(recordLine, fields));
                fields = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                field.write(c);
            }
        }
        if (field.size() > 0 || !fields.isEmpty()) {
            fields.add(field.toByteArray());
            records.add(new RawRecord(recordLine, fields));
        }
        return records;
    }
}
