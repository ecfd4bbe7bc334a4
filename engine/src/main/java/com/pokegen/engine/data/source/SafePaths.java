package com.pokegen.engine.data.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Resolves a file name written in a metadata file against the dataset folder, refusing names
 * that would read outside it: absolute paths, {@code ..} escapes and symbolic links.
 */
public final class SafePaths {

    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[A-Za-z]:[\\\\/].*|^\\\\\\\\.*");

    private SafePaths() {}

    /** The outcome: a path inside the folder, or the issue that stops it. */
    public record Resolution(Path path, SourceIssue issue) {
        public boolean ok() {
            return issue == null;
        }
    }

    /**
     * @param root the dataset folder, already made real ({@link Path#toRealPath})
     * @param name the file name as written in the source
     * @param where where the name was found ("metadata.jsonl line 3"), for the report
     */
    public static Resolution resolve(Path root, String name, String where) throws IOException {
        if (name.indexOf('\0') >= 0) { // no file system allows it; Path.of would abort the whole import
            String shown = name.replace("\0", "\\0");
            return fail(SourceProblem.BAD_METADATA_LINE, shown, where + ": file name '" + shown
                    + "' contains a NUL byte; fix the name on that line");
        }
        String unified = name.replace('\\', '/');
        if (unified.startsWith("/") || WINDOWS_ABSOLUTE.matcher(name).matches() || Path.of(name).isAbsolute()) {
            return fail(SourceProblem.ABSOLUTE_PATH, name, where + ": absolute path '" + name
                    + "'; write file names relative to the dataset folder");
        }
        Path target = root.resolve(unified).normalize();
        if (!target.startsWith(root)) {
            return fail(SourceProblem.PATH_ESCAPES, name, where + ": '" + name
                    + "' points outside the dataset folder; copy the file into the folder and list it by its relative name");
        }
        Path cur = root;
        for (Path part : root.relativize(target)) {
            cur = cur.resolve(part);
            if (Files.isSymbolicLink(cur)) {
                return fail(SourceProblem.SYMLINK, name, where + ": '" + root.relativize(cur)
                        + "' is a symbolic link; replace it with the real file");
            }
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return fail(SourceProblem.MISSING_FILE, name, where + ": '" + name + "' does not exist in " + root);
        }
        return new Resolution(target, null);
    }

    private static Resolution fail(SourceProblem problem, String name, String detail) {
        return new Resolution(null, new SourceIssue(problem, name, detail));
    }

    /** {@code name} with {@code /} separators and without a leading {@code ./}. */
    public static String canonicalName(String name) {
        String n = name.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        return n;
    }
}
