package com.pokegen.engine.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.io.Checksums;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.TextToImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * DreamBooth's two image sets (Ruiz et al., 2023, §3.3): the subject's few instance images, all
 * captioned with the instance prompt, and class images the frozen base model generates once for
 * the class prompt (cached with a manifest, reused while base, prompt, count and seed match).
 */
final class DreamBoothData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST = "manifest.json";

    private DreamBoothData() {}

    /** The PNG/JPEG files of {@code dir}, sorted by name, each captioned {@code prompt}. */
    static List<TrainingExample> instances(Path dir, String prompt) throws IOException {
        if (prompt == null || prompt.isBlank()) {
            throw new IOException("--instance-images needs --instance-prompt (e.g. \"a drawing of zxq pokemon\")");
        }
        List<Path> files = imageFiles(dir);
        if (files.isEmpty()) {
            throw new IOException(dir + ": no PNG or JPEG instance images");
        }
        List<TrainingExample> out = new ArrayList<>();
        for (Path f : files) {
            out.add(new TrainingExample(f.getFileName().toString(), () -> read(f), List.of(prompt)));
        }
        return out;
    }

    /** A version string of the instance images (names and contents) for the run's spec. */
    static String version(Path dir) throws IOException {
        return "instances-" + Checksums.fingerprint(imageFiles(dir).toArray(Path[]::new));
    }

    /** Class images for {@code prompt}: read from {@code cache} when its manifest matches, else generated. */
    static List<TrainingExample> classImages(Path cache, DiffusionPipeline base, String prompt, int count, long seed,
            TrainingListener listener) throws IOException {
        ObjectNode manifest = JSON.createObjectNode().put("base", base.modelId()).put("prompt", prompt)
                .put("count", count).put("seed", seed);
        if (!manifest.equals(readManifest(cache))) {
            generate(cache, base, prompt, count, seed, listener);
            AtomicFiles.writeString(cache.resolve(MANIFEST), JSON.writeValueAsString(manifest));
        }
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path f = cache.resolve(String.format("%04d.png", i));
            out.add(new TrainingExample("class-" + i, () -> read(f), List.of(prompt)));
        }
        return out;
    }

    private static void generate(Path cache, DiffusionPipeline base, String prompt, int count, long seed,
            TrainingListener listener) throws IOException {
        Files.createDirectories(cache);
        Files.deleteIfExists(cache.resolve(MANIFEST));
        TextToImage t2i = TextToImage.of(base);
        for (int start = 0; start < count; start += 8) {
            int n = Math.min(8, count - start);
            long[] seeds = new long[n];
            for (int i = 0; i < n; i++) {
                seeds[i] = Seeds.stream(seed, "class-image", start + i).nextLong();
            }
            List<BufferedImage> images = t2i.generate(GenerationRequest.builder()
                    .setPrompts(java.util.Collections.nCopies(n, prompt)).setSeeds(seeds).optBatchSize(n).build())
                    .bufferedImages();
            for (int i = 0; i < n; i++) {
                ImageIO.write(images.get(i), "png", cache.resolve(String.format("%04d.png", start + i)).toFile());
            }
            listener.onEvent(JSON.createObjectNode().put("kind", "progress").put("message", "generating class images")
                    .put("done", start + n).put("total", count));
        }
    }

    private static JsonNode readManifest(Path cache) {
        try {
            return JSON.readTree(cache.resolve(MANIFEST).toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Path> imageFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("instance images folder " + dir + " not found");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
                    .sorted().toList();
        }
    }

    private static BufferedImage read(Path f) throws IOException {
        BufferedImage img = ImageIO.read(f.toFile());
        if (img == null) {
            throw new IOException(f + ": not a readable image");
        }
        return img;
    }
}
