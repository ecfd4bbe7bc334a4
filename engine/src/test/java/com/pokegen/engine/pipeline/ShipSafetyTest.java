package com.pokegen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.io.Checksums;
import com.pokegen.engine.io.ModelShipping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reliability issue, "ship deletes whatever --out holds": ship never deletes a file it did not write. */
class ShipSafetyTest {

    @TempDir
    Path dir;

    private Path model;

    @BeforeEach
    void model() throws IOException {
        model = TinyPipelines.writeRandomClip(dir.resolve("runs/x/final"), 1);
        Files.createDirectories(dir.resolve("runs/x/checkpoints/step-000004"));
        Files.writeString(dir.resolve("runs/x/checkpoints/step-000004/state.json"), "{}");
        Files.writeString(dir.resolve("runs/x/events.jsonl"), "{\"kind\":\"train\"}\n");
    }

    @Test
    void outThatOverlapsTheModelIsRefusedEvenWithOverwrite() throws IOException {
        List<String> before = tree(dir.resolve("runs"));
        for (boolean overwrite : new boolean[] {false, true}) {
            IOException e = assertThrows(IOException.class,
                    () -> ModelShipping.ship(model, dir.resolve("runs/x"), true, overwrite));
            assertTrue(e.getMessage().contains("overlaps --model"), e.getMessage());
            assertThrows(IOException.class, () -> ModelShipping.ship(model, model.resolve("unet"), true, overwrite));
        }
        assertEquals(before, tree(dir.resolve("runs")), "the run folder is untouched");
    }

    @Test
    void unrelatedFilesAreRefusedThenKeptWithOverwrite() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "my notes");
        Files.createDirectories(out.resolve("unet"));
        Files.writeString(out.resolve("unet/sketch.txt"), "keep me");
        IOException e = assertThrows(IOException.class, () -> ModelShipping.ship(model, out, true, false));
        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("notes.txt")
                && e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals(List.of("notes.txt", "unet", "unet/sketch.txt"), tree(out));

        ModelShipping.ship(model, out, true, true);
        assertEquals("my notes", Files.readString(out.resolve("notes.txt")));
        assertEquals("keep me", Files.readString(out.resolve("unet/sketch.txt")));
        assertLoads(out);
        ModelShipping.ship(model, out, false, true); // a second ship replaces only its own files
        assertEquals("my notes", Files.readString(out.resolve("notes.txt")));
        assertLoads(out);
    }

    @Test
    void aForeignFileWithAShippedNameIsNeverReplaced() throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("model_index.json"), "my own index");
        IOException e = assertThrows(IOException.class, () -> ModelShipping.ship(model, out, true, true));
        assertTrue(e.getMessage().contains("model_index.json"), e.getMessage());
        assertEquals("my own index", Files.readString(out.resolve("model_index.json")));
    }

    @Test
    void outThatIsAFileIsRefused() throws IOException {
        Path out = dir.resolve("model.bin");
        Files.writeString(out, "precious");
        for (boolean overwrite : new boolean[] {false, true}) {
            IOException e = assertThrows(IOException.class, () -> ModelShipping.ship(model, out, true, overwrite));
            assertTrue(e.getMessage().contains("is a file"), e.getMessage());
        }
        assertEquals("precious", Files.readString(out));
    }

    @Test
    void aPreviousShipIsReplacedWithoutOverwrite() throws IOException {
        Path out = dir.resolve("models/tiny");
        ModelShipping.ship(model, out, true, false);
        Files.writeString(model.resolve("extra.txt"), "new in this version");
        ModelShipping.ship(model, out, false, false);
        assertEquals("new in this version", Files.readString(out.resolve("extra.txt")));
        assertLoads(out);
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(List.of("tiny"), s.map(p -> p.getFileName().toString()).toList(), "no temp left beside it");
        }
    }

    private static void assertLoads(Path out) throws IOException {
        assertTrue(Checksums.present(out));
        Checksums.verify(out);
        try (DiffusionPipeline p = DiffusionPipeline.load(out)) {
            assertFalse(p.unet().config().blockOutChannels().isEmpty());
        }
    }

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
