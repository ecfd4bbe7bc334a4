package com.pokegen.app.main;

import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.IkonHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every icon literal in the app's sources resolves in the bundled icon pack (a typo would throw at runtime). */
class IconLiteralsTest {

    @Test
    void allIconLiteralsResolve() throws IOException {
        Set<String> literals = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(mdi2[a-z]-[a-z0-9-]+)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Matcher matcher = literal.matcher(Files.readString(source));
                while (matcher.find()) {
                    literals.add(matcher.group(1));
                }
            }
        }
        assertTrue(literals.size() > 20, "found " + literals);
        List<IkonHandler> handlers = new ArrayList<>();
        ServiceLoader.load(IkonHandler.class).forEach(handlers::add);
        List<String> unresolved = literals.stream()
                .filter(name -> handlers.stream().noneMatch(h -> h.supports(name) && resolves(h, name))).toList();
        assertEquals(List.of(), unresolved);
    }

    private static boolean resolves(IkonHandler handler, String name) {
        try {
            return handler.resolve(name) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
