package com.pokegen.engine.data.source;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a folder where each picture has its caption in {@code NAME.txt} (or {@code
 * NAME.caption}) beside it. In kohya-style sub-folders named {@code N_concept} the repeat count
 * and concept go to the record's metadata ({@code repeats}, {@code concept}).
 */
final class SidecarReader {

    private static final Pattern KOHYA_FOLDER = Pattern.compile("^(\\d+)_(.+)$");

    SourceScan read(Path source) throws IOException {
        Path root = source.toRealPath();
        Listing listing = new Listing(root, SourceFormat.SIDECAR);
        List<Path> pictures;
        try (Stream<Path> walk = Files.walk(root)) {
            pictures = walk.filter(p -> !p.equals(root))
                    .filter(p -> SourceFormat.IMAGE_EXTENSIONS.contains(SourceFormat.extension(p.getFileName().toString())))
                    .sorted()
                    .toList();
        }
        for (Path picture : pictures) {
            String name = root.relativize(picture).toString().replace('\\', '/');
            if (!Files.isRegularFile(picture, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(picture)) {
                continue; // a folder named like a picture
            }
            listing.addFile(name, caption(listing, picture, name), kohyaMeta(root, picture), name);
        }
        return listing.scan();
    }

    private static String caption(Listing listing, Path picture, String name) throws IOException {
        String file = picture.getFileName().toString();
        String stem = file.substring(0, file.lastIndexOf('.'));
        for (String ext : List.of(".txt", ".caption")) {
            Path side = picture.resolveSibling(stem + ext);
            if (Files.isRegularFile(side, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = Files.readAllBytes(side);
                try {
                    return Listing.strictUtf8(bytes, 0, bytes.length);
                } catch (CharacterCodingException e) {
                    String where = side.getFileName().toString();
                    listing.issue(SourceProblem.BAD_METADATA_LINE, name, where + " is not valid UTF-8; re-save it as UTF-8");
                    return null;
                }
            }
        }
        return null;
    }

    private static ObjectNode kohyaMeta(Path root, Path picture) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        Path parent = picture.getParent();
        if (parent != null && !parent.equals(root)) {
            Matcher m = KOHYA_FOLDER.matcher(parent.getFileName().toString());
            if (m.matches()) {
                meta.put("repeats", Integer.parseInt(m.group(1)));
                meta.put("concept", m.group(2));
            }
        }
        return meta;
    }
}
