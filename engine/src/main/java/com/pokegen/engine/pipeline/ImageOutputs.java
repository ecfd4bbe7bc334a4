package com.pokegen.engine.pipeline;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes a generation to a folder: {@code NNNN-seed-S.png} per image, a {@code NNNN-seed-S.json}
 * sidecar with every setting (and the command that reproduces it), and {@code contact-sheet.png}.
 * Every file is written atomically; {@link #plan} checks the folder first, so a run that would
 * overwrite or cannot write fails before anything is computed or written.
 */
public final class ImageOutputs {

    public static final String CONTACT_SHEET = "contact-sheet.png";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageOutputs() {}

    /** The files a run of {@code settings} will write into {@code dir}, in order. */
    public static List<Path> files(Path dir, GenerationSettings settings) {
        List<Path> out = new ArrayList<>();
        long[] seeds = settings.seeds();
        for (int i = 0; i < seeds.length; i++) {
            out.add(dir.resolve(stem(i, seeds[i]) + ".png"));
            out.add(dir.resolve(stem(i, seeds[i]) + ".json"));
        }
        out.add(dir.resolve(CONTACT_SHEET));
        return out;
    }

    /** The file name (without extension) of image {@code index} drawn with {@code seed}. */
    public static String stem(int index, long seed) {
        return String.format("%04d-seed-%d", index, seed);
    }

    /**
     * Checks that {@code dir} is (or can be created as) a writable folder and that none of the
     * run's files exists unless {@code overwrite}. Writes nothing.
     */
    public static void plan(Path dir, GenerationSettings settings, boolean overwrite) throws IOException {
        checkWritable(dir);
        if (overwrite) {
            return;
        }
        for (Path f : files(dir, settings)) {
            if (Files.exists(f)) {
                throw new IOException(f + " already exists; choose another output folder or allow overwriting"
                        + " (CLI: --overwrite)");
            }
        }
    }

    /** {@code dir} exists as a writable folder, or its nearest existing ancestor is one. */
    public static void checkWritable(Path dir) throws IOException {
        Path p = dir.toAbsolutePath().normalize();
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new IOException("output folder " + dir + " is a file, not a folder");
        }
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new IOException("output folder " + dir + " cannot be created: " + existing + " is not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new IOException("output folder " + dir + " is not writable (" + existing + " does not allow"
                    + " writing); choose another --out");
        }
    }

    /**
     * Writes the images, sidecars and contact sheet. Call {@link #plan} before generating.
     *
     * @param modelPath the model folder, recorded in the sidecars
     * @return the files written
     */
    public static List<Path> write(Path dir, GenerationResult result, Path modelPath) throws IOException {
        return write(dir, result, modelPath, "");
    }

    /**
     * As above, for a model run by another backend.
     *
     * @param backendOptions generate options that select that backend (e.g. {@code --backend
     *     onnxruntime --precision int8}), written into each sidecar's reproduce command
     */
    public static List<Path> write(Path dir, GenerationResult result, Path modelPath, String backendOptions)
            throws IOException {
        Files.createDirectories(dir);
        GenerationSettings s = result.settings();
        List<BufferedImage> images = result.bufferedImages();
        List<String> captions = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        long[] seeds = s.seeds();
        for (int i = 0; i < images.size(); i++) {
            String stem = stem(i, seeds[i]);
            Path png = dir.resolve(stem + ".png");
            AtomicFiles.writeBytes(png, png(images.get(i)));
            Path json = dir.resolve(stem + ".json");
            AtomicFiles.writeBytes(json, JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(sidecar(result, i, png.getFileName().toString(), modelPath, dir, backendOptions)));
            written.add(png);
            written.add(json);
            captions.add("#" + i + " seed " + seeds[i] + ": " + s.prompts().get(i));
        }
        Path sheet = dir.resolve(CONTACT_SHEET);
        AtomicFiles.writeBytes(sheet, png(ContactSheet.render(images, captions)));
        written.add(sheet);
        return written;
    }

    /** PNG bytes of a picture (ImageIO's encoder: the same picture always gives the same bytes). */
    public static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available in this Java runtime");
        }
        return out.toByteArray();
    }

    /** Everything needed to make image {@code i} again. */
    static ObjectNode sidecar(GenerationResult result, int i, String file, Path modelPath, Path outDir) {
        return sidecar(result, i, file, modelPath, outDir, "");
    }

    static ObjectNode sidecar(GenerationResult result, int i, String file, Path modelPath, Path outDir,
            String backendOptions) {
        GenerationSettings s = result.settings();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("file", file);
        o.put("index", i);
        o.put("prompt", s.prompts().get(i));
        o.put("negative_prompt", s.negativePrompts().get(i));
        o.put("seed", s.seeds()[i]);
        o.put("initial_latents", s.explicitLatents() ? "given" : "seeded");
        o.put("steps", s.steps());
        o.put("guidance", s.guidance());
        o.put("classifier_free_guidance", s.classifierFreeGuidance());
        o.put("scheduler", s.scheduler());
        o.put("scheduler_class", s.schedulerClass());
        o.put("timestep_spacing", s.timestepSpacing().configName());
        ArrayNode ts = o.putArray("timesteps");
        for (float t : s.timesteps()) {
            ts.add(t);
        }
        o.put("width", s.width());
        o.put("height", s.height());
        ObjectNode model = o.putObject("model");
        model.put("path", modelPath == null ? null : modelPath.toAbsolutePath().normalize().toString());
        model.put("id", s.modelId());
        o.set("engine", versions());
        o.put("run_images", s.imageCount());
        o.put("run_time_ms", result.elapsedNanos() / 1_000_000.0);
        o.put("created", Instant.now().toString());
        if (!s.explicitLatents() && modelPath != null) {
            o.put("reproduce", reproduceCommand(s, i, modelPath, outDir, backendOptions));
        }
        return o;
    }

    /** pokegen, DJL, libtorch, Java and OS versions. */
    public static ObjectNode versions() {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        String own = ImageOutputs.class.getPackage().getImplementationVersion();
        v.put("pokegen", own == null ? "dev" : own);
        v.put("djl", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        v.put(engine.getEngineName().toLowerCase(java.util.Locale.ROOT), engine.getVersion());
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return v;
    }

    private static String reproduceCommand(GenerationSettings s, int i, Path modelPath, Path outDir,
            String backendOptions) {
        StringBuilder b = new StringBuilder("pokegen generate");
        if (!backendOptions.isBlank()) {
            b.append(' ').append(backendOptions.strip());
        }
        b.append(" --model ").append(quote(modelPath.toAbsolutePath().normalize().toString()));
        b.append(" --prompt ").append(quote(s.prompts().get(i)));
        if (!s.negativePrompts().get(i).isEmpty()) {
            b.append(" --negative ").append(quote(s.negativePrompts().get(i)));
        }
        b.append(" --seed ").append(s.seeds()[i]);
        b.append(" --steps ").append(s.steps());
        b.append(" --guidance ").append(s.guidance());
        b.append(" --scheduler ").append(s.scheduler());
        b.append(" --spacing ").append(s.timestepSpacing().configName());
        b.append(" --size ").append(s.width()).append('x').append(s.height());
        b.append(" --out ").append(quote(outDir.toAbsolutePath().normalize().resolve("reproduced").toString()));
        return b.toString();
    }

    // POSIX shell single quotes: ' becomes '\''
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
