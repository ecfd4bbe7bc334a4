package com.pokegen.app.service.engine;

import com.pokegen.app.service.DatasetItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What an import found, in words a person can act on: no images at all, or images without captions. */
final class ImportReport {

    private ImportReport() {
    }

    /** The error for a source with no usable image, saying what it holds and what to do. */
    static IOException noImages(Path source) {
        return new IOException("No images found in " + source + ": " + contents(source) + ". Choose a folder of PNG, JPEG"
                + " or WebP pictures, each with its caption in a .txt file of the same name (or a metadata.csv /"
                + " .jsonl with file_name and text columns). Nothing was imported.");
    }

    /** "it is empty" or "it holds 3 files (2 .txt, 1 .md)" (sub-folders included). */
    static String contents(Path source) {
        if (!Files.isDirectory(source)) {
            return "it is not a folder";
        }
        Map<String, Long> byType;
        try (Stream<Path> files = Files.walk(source, 4)) {
            byType = files.filter(Files::isRegularFile).collect(Collectors.groupingBy(ImportReport::type, TreeMap::new,
                    Collectors.counting()));
        } catch (IOException e) {
            return "its files could not be listed (" + e.getMessage() + ")";
        }
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "it is empty";
        }
        String kinds = byType.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return "it holds " + total + (total == 1 ? " file" : " files") + " (" + kinds + ")";
    }

    /** A notice when some images have no caption (empty when all have one). */
    static String captionNotice(List<DatasetItem> items) {
        long missing = items.stream().filter(item -> item.caption().isBlank()).count();
        if (missing == 0) {
            return "";
        }
        String which = missing == items.size() ? "None of the " + items.size() + " images has a caption"
                : missing + " of " + items.size() + " images have no caption";
        return which + ": they are left out of training. Write captions on the Captions page (filter by"
                + " \"missing-caption\"), then include them again; or put a .txt caption beside each image and import again.";
    }

    private static String type(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "without extension" : name.substring(dot).toLowerCase(Locale.ROOT);
    }
}
