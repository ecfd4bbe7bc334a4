package com.pokegen.app.service.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.app.service.GalleryEntry;
import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.ModelChoice;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.testing.FakeGenerationService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FolderGalleryServiceTest {

    @TempDir
    Path temp;
    private final FakeGenerationService generator = new FakeGenerationService();

    private GeneratedImage drawn(String prompt, long seed, ModelChoice model) throws IOException {
        return generator.generate(new GenerationRequest(prompt, seed, model == ModelChoice.STUDENT ? 1 : 25,
                model == ModelChoice.STUDENT ? 0 : 5, model), ProgressMonitor.NONE);
    }

    @Test
    void keptImagesListNewestFirstWithTheirSettingsAndForeignFilesAreSkipped() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
        FolderGalleryService gallery = new FolderGalleryService(temp.resolve("g"), clock);
        GeneratedImage first = drawn("mew", 5, ModelChoice.STUDENT);
        GalleryEntry a = gallery.keep(first);
        GalleryEntry b = new FolderGalleryService(temp.resolve("g"), Clock.offset(clock, java.time.Duration.ofSeconds(1)))
                .keep(drawn("mew", 5, ModelChoice.TEACHER));
        GalleryEntry c = gallery.keep(drawn("mew", 5, ModelChoice.STUDENT)); // same time and seed: a second name
        Files.writeString(temp.resolve("g/notes.json"), "{\"hello\": 1}");
        Files.writeString(temp.resolve("g/orphan.json"), "{}");

        assertEquals("20261203-100000-000-seed5.png", a.png().getFileName().toString());
        assertEquals("20261203-100000-000-seed5-2.png", c.png().getFileName().toString());
        List<GalleryEntry> listed = gallery.list(ProgressMonitor.NONE);
        assertEquals(3, listed.size(), "files without a studio sidecar are not gallery images");
        assertEquals(b, listed.get(0), "newest first");
        assertEquals(new GenerationRequest("mew", 5, 25, 5, ModelChoice.TEACHER), listed.get(0).request());
        assertArrayEquals(first.png(), gallery.open(a).png());

        gallery.delete(a);
        assertFalse(Files.exists(a.png()));
        assertFalse(Files.exists(FolderGalleryService.sidecarOf(a.png())));
        assertEquals(2, gallery.list(ProgressMonitor.NONE).size());

        gallery.useFolder(temp.resolve("other"));
        assertEquals(List.of(), gallery.list(ProgressMonitor.NONE), "a new folder starts empty");
        assertEquals(temp.resolve("other"), gallery.keep(first).png().getParent());
    }

    @Test
    void savingEnlargesByAWholeFactorWithNearestNeighbourAndWritesTheSidecar() throws IOException {
        FolderGalleryService gallery = new FolderGalleryService(temp.resolve("g"));
        GeneratedImage image = drawn("pikachu", 300, ModelChoice.STUDENT);
        Path png = temp.resolve("out/pika.png");
        gallery.save(image, png, 8);

        BufferedImage saved = ImageIO.read(png.toFile());
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(image.png()));
        assertEquals(128, saved.getWidth());
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                assertEquals(original.getRGB(x / 8, y / 8), saved.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
        JsonNode sidecar = new ObjectMapper().readTree(temp.resolve("out/pika.json").toFile());
        assertEquals("pikachu", sidecar.get("prompt").asText());
        assertEquals(300, sidecar.get("seed").asLong());
        assertEquals(8, sidecar.get("upscale").asInt());
        assertEquals(1, sidecar.get("steps").asInt());
        assertEquals(0.0, sidecar.get("guidance").asDouble());
        assertEquals("student", sidecar.get("model").asText());
        assertEquals(true, sidecar.get("lora").isNull(), "the studio draws with whole models: no LoRA");

        gallery.save(image, temp.resolve("out/same.png"), 1);
        assertArrayEquals(image.png(), Files.readAllBytes(temp.resolve("out/same.png")), "×1 keeps the bytes");
        assertThrows(IllegalArgumentException.class, () -> gallery.save(image, temp.resolve("x.png"), 0));
    }
}
