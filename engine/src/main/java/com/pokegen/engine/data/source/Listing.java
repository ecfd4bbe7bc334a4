package com.pokegen.engine.data.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Collects a reader's records and issues, applying the checks every layout shares. */
final class Listing {

    private final Path root;
    private final SourceFormat format;
    private final List<SourceRecord> records = new ArrayList<>();
    private final List<SourceIssue> issues = new ArrayList<>();
    private final Map<String, String> firstSeen = new HashMap<>();

    Listing(Path root, SourceFormat format) {
        this.root = root;
        this.format = format;
    }

    void issue(SourceProblem problem, String name, String detail) {
        issues.add(new SourceIssue(problem, name, detail));
    }

    /** Whether {@code name} is new; a repeat is reported as a duplicate. */
    boolean claim(String name, String where) {
        String canonical = SafePaths.canonicalName(name);
        String first = firstSeen.putIfAbsent(canonical, where);
        if (first != null) {
            issue(SourceProblem.DUPLICATE_FILE_NAME, name, where + " repeats file name '" + name
                    + "' of " + first + "; the first record is kept, remove or rename the repeat");
            return false;
        }
        return true;
    }

    /** Adds a record whose picture is the file {@code name} inside the root, if it passes the path checks. */
    void addFile(String name, String caption, ObjectNode meta, String where) throws IOException {
        if (!claim(name, where)) {
            return;
        }
        SafePaths.Resolution r = SafePaths.resolve(root, name, where);
        if (!r.ok()) {
            issues.add(r.issue());
            return;
        }
        records.add(new SourceRecord(SafePaths.canonicalName(name), ImageRef.file(r.path()), caption, meta));
    }

    /** Adds a record whose bytes are embedded in the source. */
    void addEmbedded(String name, byte[] bytes, String caption, ObjectNode meta, String where) {
        if (claim(name, where)) {
            records.add(new SourceRecord(name, ImageRef.bytes(bytes), caption, meta));
        }
    }

    /** Reports picture files under the root that no record lists. */
    void reportUnlisted() throws IOException {
        Set<String> listed = new HashSet<>(firstSeen.keySet());
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> SourceFormat.IMAGE_EXTENSIONS.contains(SourceFormat.extension(p.getFileName().toString())))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !listed.contains(n))
                    .sorted()
                    .forEach(n -> issue(SourceProblem.NOT_IN_METADATA, n, "'" + n
                            + "' is in the folder but not in the metadata; it is ignored (add a record to import it)"));
        }
    }

    SourceScan scan() {
        return new SourceScan(format, List.copyOf(records), List.copyOf(issues));
    }

    /** Decodes {@code bytes} as UTF-8, refusing malformed sequences instead of replacing them. */
    static String strictUtf8(byte[] bytes, int off, int len) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, off, len))
                .toString();
    }
}
