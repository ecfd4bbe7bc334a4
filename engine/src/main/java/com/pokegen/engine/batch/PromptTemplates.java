package com.pokegen.engine.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompts file for {@code pokegen batch}: one prompt per line, where a prompt may hold
 * placeholders that expand to the cross product of their value lists. Lines of the form
 * {@code {name} = value | value | ...} define a list; blank lines and lines starting with
 * {@code #} are skipped. Example:
 *
 * <pre>
 * {colour} = red | blue | yellow
 * {type} = fire | water
 * {size} = small | large
 * a {colour} {type} type pokemon, {size}
 * </pre>
 *
 * gives 12 prompts, the first placeholder varying slowest. Values are separated by {@code |}
 * (not commas) because prompts themselves are comma lists.
 */
public final class PromptTemplates {

    private static final Pattern DEFINITION = Pattern.compile("^\\{([A-Za-z0-9_-]+)}\\s*=(.*)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_-]+)}");

    private PromptTemplates() {}

    /** Reads and expands {@code file}; errors name the file and line. */
    public static List<String> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read the prompts file " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return expand(lines, file.toString());
    }

    /** Expands the lines of a prompts file named {@code source} (for messages). */
    public static List<String> expand(List<String> lines, String source) {
        Map<String, List<String>> values = definitions(lines, source);
        Set<String> prompts = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (isSkipped(line) || DEFINITION.matcher(line).matches()) {
                continue;
            }
            checkPlaceholders(line, values, source, i + 1);
            expandLine(line, values, prompts);
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("the prompts file " + source + " has no prompts (one per line,"
                    + " or a template such as 'a {colour} pokemon' with a line '{colour} = red | blue')");
        }
        return List.copyOf(prompts);
    }

    private static boolean isSkipped(String line) {
        return line.isEmpty() || line.startsWith("#");
    }

    private static Map<String, List<String>> definitions(List<String> lines, String source) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = DEFINITION.matcher(lines.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            List<String> list = new ArrayList<>();
            for (String v : m.group(2).split("\\|")) {
                if (!v.isBlank()) {
                    list.add(v.strip());
                }
            }
            if (list.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": {" + m.group(1)
                        + "} has no values (write '{" + m.group(1) + "} = a | b')");
            }
            if (values.put(m.group(1), list) != null) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": {" + m.group(1) + "} is defined twice");
            }
        }
        return values;
    }

    private static void checkPlaceholders(String line, Map<String, List<String>> values, String source, int lineNo) {
        Matcher m = PLACEHOLDER.matcher(line);
        while (m.find()) {
            if (!values.containsKey(m.group(1))) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": unknown placeholder {" + m.group(1)
                        + "}; define it with a line '{" + m.group(1) + "} = a | b'"
                        + (values.isEmpty() ? "" : " (defined: " + String.join(", ", values.keySet()) + ")"));
            }
        }
    }

    // replaces the first placeholder by each of its values, recursing on the rest (first varies slowest)
    private static void expandLine(String line, Map<String, List<String>> values, Set<String> out) {
        Matcher m = PLACEHOLDER.matcher(line);
        if (!m.find()) {
            out.add(line.replaceAll("\\s+", " ").strip());
            return;
        }
        String name = m.group(1);
        for (String v : values.get(name)) {
            expandLine(line.replace("{" + name + "}", v), values, out);
        }
    }
}
