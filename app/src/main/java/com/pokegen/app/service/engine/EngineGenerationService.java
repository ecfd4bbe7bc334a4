package com.pokegen.app.service.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.GenerationService;
import com.pokegen.app.service.ModelChoice;
import com.pokegen.app.service.ModelDefaults;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationResult;
import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.RecommendedSettings;
import com.pokegen.engine.pipeline.ShippedSpeed;
import com.pokegen.engine.pipeline.TextToImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Draws with the engine's {@link TextToImage} over the student or teacher pipeline folder. Each
 * folder is loaded once, on the first request that needs it (always on a worker thread: the
 * app calls {@link #generate} off the FX thread), and kept until {@link #close}. Generations run
 * one at a time: a pipeline's networks are shared state, and on a small CPU two renders at once
 * would only slow both down. The request's steps and guidance are used as given; the scheduler
 * and timestep spacing come from the folder's {@code pokegen.json} recommendation.
 */
public final class EngineGenerationService implements GenerationService, AutoCloseable {

    private static final int MAX_STEPS = 1000;

    private final ModelFolders folders;
    private final Map<Path, DiffusionPipeline> loaded = new HashMap<>();

    public EngineGenerationService(ModelFolders folders) {
        this.folders = folders;
    }

    @Override
    public synchronized GeneratedImage generate(GenerationRequest request, ProgressMonitor monitor) throws IOException {
        monitor.checkCancelled();
        DiffusionPipeline pipeline = pipeline(request.model(), monitor);
        monitor.checkCancelled();
        GenerationResult result;
        try {
            result = TextToImage.of(pipeline).generate(com.pokegen.engine.pipeline.GenerationRequest.builder()
                    .setPrompts(List.of(request.prompt()))
                    .setSeeds(request.seed())
                    .optSteps(request.steps())
                    .optGuidance(request.guidance())
                    .optProgress((stage, done, total) -> monitor.progress(done, total, "Step " + done + " of " + total))
                    .optCancellation(monitor::isCancelled)
                    .build());
        } catch (IllegalArgumentException e) {
            throw new IOException("The " + request.model().toString().toLowerCase(Locale.ROOT) + " model in "
                    + folders.folder(request.model()) + " cannot draw with these settings: " + e.getMessage(), e);
        }
        BufferedImage image = result.bufferedImages().get(0);
        return new GeneratedImage(png(image), request, result.elapsedNanos() / 1_000_000);
    }

    /** The engine's default device, e.g. "CPU" or "cuda:0". */
    @Override
    public String deviceName() {
        Device device = Engine.getInstance().defaultDevice();
        return device.isGpu() ? "cuda:" + device.getDeviceId() : device.getDeviceType().toUpperCase(Locale.ROOT);
    }

    /**
     * {@code speed.json} of the student's parent folder ({@code models/speed.json} for the shipped
     * models, written by the engine's PipelineBenchmark), when it was measured for this student.
     */
    @Override
    public Optional<String> speedSummary() {
        Path student = folders.folder(ModelChoice.STUDENT).toAbsolutePath().normalize();
        Path parent = student.getParent();
        if (parent == null || !Files.isRegularFile(student.resolve(PokegenMetadata.FILE))) {
            return Optional.empty();
        }
        try {
            String id = PokegenMetadata.read(student).id();
            return ShippedSpeed.read(parent.resolve(ShippedSpeed.FILE_NAME))
                    .filter(speed -> speed.studentId().equals(id))
                    .map(ShippedSpeed::summary);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged record only loses the status-bar line
        }
    }

    @Override
    public Optional<String> unavailable(ModelChoice choice) {
        Path folder = folders.folder(choice).toAbsolutePath().normalize();
        return Files.isRegularFile(folder.resolve("model_index.json")) ? Optional.empty()
                : Optional.of(missingMessage(choice, folder));
    }

    /**
     * The {@code recommended} settings of the folder's {@code pokegen.json} (max steps: its
     * {@code max_steps}, else 1000); the fallback when the folder or file is missing or unreadable.
     */
    @Override
    public ModelDefaults defaults(ModelChoice choice) {
        Path folder = folders.folder(choice);
        if (!Files.isRegularFile(folder.resolve(PokegenMetadata.FILE))) {
            return ModelDefaults.fallback(choice);
        }
        try {
            RecommendedSettings recommended = PokegenMetadata.read(folder).recommended();
            int max = recommended.maxSteps() == null ? MAX_STEPS : recommended.maxSteps();
            return new ModelDefaults(recommended.steps(), Math.max(max, recommended.steps()), recommended.guidance());
        } catch (IOException | RuntimeException e) {
            return ModelDefaults.fallback(choice);
        }
    }

    /** The folder a choice draws with (for status lines and messages). */
    public Path folder(ModelChoice choice) {
        return folders.folder(choice);
    }

    private DiffusionPipeline pipeline(ModelChoice choice, ProgressMonitor monitor) throws IOException {
        Path folder = folders.folder(choice).toAbsolutePath().normalize();
        DiffusionPipeline pipeline = loaded.get(folder);
        if (pipeline == null) {
            Optional<String> missing = unavailable(choice);
            if (missing.isPresent()) {
                throw new IOException(missing.get());
            }
            monitor.progress(0, -1, "Loading the " + choice.toString().toLowerCase(Locale.ROOT) + " model");
            pipeline = DiffusionPipeline.load(folder);
            loaded.put(folder, pipeline);
        }
        return pipeline;
    }

    static String missingMessage(ModelChoice choice, Path folder) {
        String how = choice == ModelChoice.STUDENT
                ? "distill one (./pokegen distill, or Training > add) or start the studio with ./pokegen studio --model DIR"
                : "train one (./pokegen train-teacher, or Training > teacher) or start the studio with --teacher DIR";
        return "No " + choice.toString().toLowerCase(Locale.ROOT) + " model: " + folder
                + " is not a diffusers model folder (no model_index.json); " + how;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer available for the generated image");
        }
        return bytes.toByteArray();
    }

    /** Closes every loaded pipeline. */
    @Override
    public synchronized void close() {
        loaded.values().forEach(DiffusionPipeline::close);
        loaded.clear();
    }
}
