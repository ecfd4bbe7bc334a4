package com.pokegen.app.service.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.app.service.GalleryEntry;
import com.pokegen.app.service.GalleryService;
import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.ModelChoice;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A gallery in a plain folder: {@code <time>-seed<S>.png} with {@code <time>-seed<S>.json} next to it.
 * The sidecar holds prompt, seed, steps, guidance, model ({@code student}/{@code teacher}), the
 * LoRA applied ({@code null}: the studio draws with whole models), the upscale factor and when
 * it was made, so a picture can be made again from its sidecar alone.
 */
public final class FolderGalleryService implements GalleryService {

    /** The gallery's folder under the studio home ({@code pokegen.home}). */
    public static final String DEFAULT_FOLDER = "gallery";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Clock clock;
    private volatile Path folder;

    public FolderGalleryService(Path folder) {
        this(folder, Clock.systemUTC());
    }

    public FolderGalleryService(Path folder, Clock clock) {
        this.folder = folder.toAbsolutePath().normalize();
        this.clock = clock;
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public void useFolder(Path newFolder) {
        folder = newFolder.toAbsolutePath().normalize();
    }

    @Override
    public synchronized GalleryEntry keep(GeneratedImage image) throws IOException {
        Path dir = folder;
        Files.createDirectories(dir);
        Instant now = clock.instant();
        String stem = STAMP.format(now) + "-seed" + image.request().seed();
        Path png = dir.resolve(stem + ".png");
        for (int n = 2; Files.exists(png); n++) {
            png = dir.resolve(stem + "-" + n + ".png");
        }
        writeWithSidecar(image, png, image.png(), 1, now);
        return new GalleryEntry(png, image.request(), image.elapsedMs(), now);
    }

    @Override
    public List<GalleryEntry> list(ProgressMonitor monitor) throws IOException {
        Path dir = folder;
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> sidecars;
        try (Stream<Path> files = Files.list(dir)) {
            sidecars = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<GalleryEntry> entries = new ArrayList<>();
        for (int i = 0; i < sidecars.size(); i++) {
            monitor.checkCancelled();
            monitor.progress(i, sidecars.size(), "Reading the gallery");
            Path png = pngOf(sidecars.get(i));
            if (Files.isRegularFile(png)) {
                try {
                    entries.add(entry(png, JSON.readTree(sidecars.get(i).toFile())));
                } catch (IOException | RuntimeException notOurs) {
                    // a JSON file the studio did not write: not a gallery image
                }
            }
        }
        entries.sort(Comparator.comparing(GalleryEntry::created).reversed());
        return entries;
    }

    @Override
    public GeneratedImage open(GalleryEntry entry) throws IOException {
        return new GeneratedImage(Files.readAllBytes(entry.png()), entry.request(), entry.elapsedMs());
    }

    @Override
    public synchronized void delete(GalleryEntry entry) throws IOException {
        Files.deleteIfExists(entry.png());
        Files.deleteIfExists(sidecarOf(entry.png()));
    }

    @Override
    public void save(GeneratedImage image, Path png, int scale) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        writeWithSidecar(image, png, PngScaling.upscale(image.png(), scale), scale, clock.instant());
    }

    /** {@code name.json} next to {@code name.png}. */
    public static Path sidecarOf(Path png) {
        String name = png.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return png.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    private static Path pngOf(Path sidecar) {
        String name = sidecar.getFileName().toString();
        return sidecar.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".png");
    }

    private static void writeWithSidecar(GeneratedImage image, Path png, byte[] bytes, int scale, Instant created)
            throws IOException {
        AtomicFiles.writeBytes(png, bytes);
        AtomicFiles.writeString(sidecarOf(png), sidecarJson(image, scale, created));
    }

    /** The sidecar of an image: every setting that made it, as pretty JSON. */
    public static String sidecarJson(GeneratedImage image, int scale, Instant created) throws IOException {
        GenerationRequest request = image.request();
        ObjectNode node = JSON.createObjectNode();
        node.put("prompt", request.prompt());
        node.put("seed", request.seed());
        node.put("steps", request.steps());
        node.put("guidance", request.guidance());
        node.put("model", request.model().name().toLowerCase(Locale.ROOT));
        node.putNull("lora");
        node.put("upscale", scale);
        node.put("elapsed_ms", image.elapsedMs());
        node.put("created", created.toString());
        node.put("generator", "PokéGen Studio");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    }

    private static GalleryEntry entry(Path png, JsonNode node) throws IOException {
        for (String field : List.of("prompt", "seed", "steps", "model", "created")) {
            if (!node.hasNonNull(field)) {
                throw new IOException("sidecar has no " + field);
            }
        }
        GenerationRequest request = new GenerationRequest(node.get("prompt").asText(), node.get("seed").asLong(),
                node.get("steps").asInt(), node.path("guidance").asDouble(0),
                ModelChoice.valueOf(node.get("model").asText().toUpperCase(Locale.ROOT)));
        return new GalleryEntry(png, request, node.path("elapsed_ms").asLong(0), Instant.parse(node.get("created").asText()));
    }
}
