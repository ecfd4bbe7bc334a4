package com.pokegen.engine.batch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.pokegen.engine.data.image.ColourNamer;
import com.pokegen.engine.data.image.PerceptualHash;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.io.Checksums;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.ImageOutputs;
import com.pokegen.engine.pipeline.TextToImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Renders one {@link BatchItem} to its PNG and manifest row. Safe to call from several threads
 * at once on one loaded pipeline.
 *
 * <p>Why one image per network call at one intra-op thread: libtorch's CPU convolutions and
 * GEMMs pick kernels by batch shape and thread count, so the same image sampled in a batch of 8
 * instead of alone differs by ~3e-5 and flips some 8-bit pixels (measured on the shipped student:
 * 90 of 200k values over 16 images). Sampling each image alone with one thread makes its bytes a
 * function of (model, prompt, seed, steps) only; parallelism comes from running images side by
 * side ({@link BatchJob}'s lanes, Spark's tasks) instead of inside one tensor.
 */
public final class ImageRenderer {

    /** Dominant colours recorded per image: at most this many, each covering this share. */
    static final int MAX_COLOURS = 3;
    static final double MIN_COLOUR_SHARE = 0.15;

    private final TextToImage t2i;
    private final String modelHash;

    public ImageRenderer(DiffusionPipeline pipeline, String modelHash) {
        this.t2i = TextToImage.of(pipeline);
        this.modelHash = modelHash;
    }

    /** Checks that {@code steps} (null = the model's) is valid for this model; returns the resolved steps. */
    public int resolveSteps(Integer steps) {
        GenerationRequest.Builder b = GenerationRequest.builder().setPrompts(List.of("")).setSeeds(0);
        if (steps != null) {
            b.optSteps(steps);
        }
        return t2i.resolve(b.build()).steps();
    }

    /** Samples the item, writes its PNG atomically under {@code outDir} and returns its row. */
    public ManifestRow render(BatchItem item, Path outDir) throws IOException {
        pinThread();
        BufferedImage image = t2i.generate(GenerationRequest.builder().setPrompts(List.of(item.prompt()))
                .setSeeds(item.seed()).optSteps(item.steps()).optBatchSize(1).build()).bufferedImages().get(0);
        byte[] png = ImageOutputs.png(image);
        AtomicFiles.writeBytes(outDir.resolve(item.file()), png);
        return new ManifestRow(item.prompt(), item.seed(), item.steps(), modelHash, item.file(), sha256(png),
                String.format("%016x", PerceptualHash.of(image)), PerceptualHash.colourGrid(image),
                ColourNamer.dominant(image, MAX_COLOURS, MIN_COLOUR_SHARE));
    }

    // grad mode is per thread in libtorch (lanes are fresh threads); the intra-op thread count is
    // process-wide, so a batch leaves the process at one thread per op
    private static void pinThread() {
        if ("PyTorch".equals(Engine.getDefaultEngineName())) {
            JniUtils.setNumThreads(1);
            JniUtils.setGradMode(false);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Checksums.newSha256().digest(bytes));
    }
}
