package com.pokegen.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTemplatesTest {

    @TempDir
    Path dir;

    @Test
    void templateExpandsToTheCrossProductFirstPlaceholderSlowest() throws Exception {
        Path f = dir.resolve("brief.txt");
        Files.writeString(f, """
                # a designer's brief
                {colour} = red | blue
                {type} = fire | water | grass
                {size} = small | large, with wings
                a {colour} {type} type pokemon, {size}
                a {colour} pokemon
                a plain pokemon
                a red pokemon
                """);
        List<String> prompts = PromptTemplates.read(f);
        assertEquals(12 + 2 + 1, prompts.size(), prompts.toString()); // "a red pokemon" is already there
        assertEquals("a red fire type pokemon, small", prompts.get(0));
        assertEquals("a red fire type pokemon, large, with wings", prompts.get(1));
        assertEquals("a red water type pokemon, small", prompts.get(2));
        assertEquals("a blue grass type pokemon, large, with wings", prompts.get(11));
        assertEquals(List.of("a red pokemon", "a blue pokemon", "a plain pokemon"), prompts.subList(12, 15));
    }

    @Test
    void unknownPlaceholderNamesTheLineAndTheDefinedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptTemplates.expand(
                List.of("{colour} = red | blue", "", "a {colour} {shape} pokemon"), "brief.txt"));
        assertEquals("brief.txt line 3: unknown placeholder {shape}; define it with a line '{shape} = a | b'"
                + " (defined: colour)", e.getMessage());
    }

    @Test
    void fileWithoutPromptsIsRefused() throws Exception {
        Path f = dir.resolve("empty.txt");
        Files.writeString(f, "# only a comment\n\n{colour} = red\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptTemplates.read(f));
        assertEquals("the prompts file " + f + " has no prompts (one per line, or a template such as"
                + " 'a {colour} pokemon' with a line '{colour} = red | blue')", e.getMessage());
    }

    @Test
    void emptyValueListIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PromptTemplates.expand(List.of("{size} = | ", "a {size} pokemon"), "t.txt"));
        assertEquals("t.txt line 1: {size} has no values (write '{size} = a | b')", e.getMessage());
    }
}
