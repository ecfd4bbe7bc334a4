package com.pokegen.engine.data.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a Hugging Face imagefolder: {@code metadata.jsonl}, one JSON object per line with
 * {@code file_name} and a caption column. Each line is decoded on its own, so one bad line
 * (invalid UTF-8, broken JSON) is reported and the others are kept.
 */
final class ImageFolderReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String captionColumn;

    ImageFolderReader(String captionColumn) {
        this.captionColumn = captionColumn;
    }

    SourceScan read(Path source) throws IOException {
        Path metadata = Files.isDirectory(source) ? source.resolve("metadata.jsonl") : source;
        Path root = metadata.toAbsolutePath().getParent().toRealPath();
        Listing listing = new Listing(root, SourceFormat.IMAGEFOLDER);
        byte[] bytes = Files.readAllBytes(metadata);
        int lineNo = 0;
        for (int start = 0; start < bytes.length; ) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNo++;
            int len = end - start;
            if (len > 0 && bytes[start + len - 1] == '\r') {
                len--;
            }
            readLine(listing, bytes, start, len, "metadata.jsonl line " + lineNo);
            start = end + 1;
        }
        listing.reportUnlisted();
        return listing.scan();
    }

    private void readLine(Listing listing, byte[] bytes, int off, int len, String where) throws IOException {
        String line;
        try {
            line = Listing.strictUtf8(bytes, off, len);
        } catch (CharacterCodingException e) {
            listing.issue(SourceProblem.BAD_METADATA_LINE, where, where + " is not valid UTF-8; re-save the file as UTF-8");
            return;
        }
        if (line.isBlank()) {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            listing.issue(SourceProblem.BAD_METADATA_LINE, where, where + " is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        if (!(node instanceof ObjectNode) || !node.path("file_name").isTextual() || node.get("file_name").asText().isEmpty()) {
            listing.issue(SourceProblem.BAD_METADATA_LINE, where, where + " has no \"file_name\" string");
            return;
        }
        ObjectNode meta = ((ObjectNode) node).deepCopy();
        String name = meta.remove("file_name").asText();
        JsonNode captionNode = meta.remove(captionColumn);
        String caption = captionNode == null || captionNode.isNull() ? null
                : captionNode.isTextual() ? captionNode.asText() : captionNode.toString();
        listing.addFile(name, caption, meta, where);
    }
}
