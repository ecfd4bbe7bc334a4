package com.pokegen.engine.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine call behind {@code pokegen generate}: load a model folder, check the request and the
 * output folder before anything is computed or written, generate, and write PNGs, JSON sidecars
 * and a contact sheet ({@link ImageOutputs}). Settings the request leaves out come from the
 * folder's {@code pokegen.json}.
 */
public final class GenerateJob {

    /** Refused before anything was computed or written; the message is meant for the user. */
    public static final class InvalidInput extends Exception {
        public InvalidInput(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What was generated, every file written, and warnings of attaching LoRAs. */
    public record Result(GenerationResult generation, List<Path> files, List<String> loraWarnings) {}

    private GenerateJob() {}

    /**
     * @param request built here, after the model loads, so its errors read like the others
     * @param overwrite replace files a previous run left in {@code out}
     */
    public static Result run(Path model, GenerationRequest.Builder request, Path out, boolean overwrite)
            throws InvalidInput, IOException {
        return run(model, List.of(), false, request, out, overwrite);
    }

    /**
     * As above with LoRAs applied at run time.
     *
     * @param lenient skip LoRA keys that match no UNet layer instead of failing
     */
    public static Result run(Path model, List<com.pokegen.engine.model.lora.LoraSpec> loras, boolean lenient,
            GenerationRequest.Builder request, Path out, boolean overwrite) throws InvalidInput, IOException {
        try {
            ImageOutputs.checkWritable(out);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage(), e);
        }
        DiffusionPipeline pipeline;
        try {
            pipeline = DiffusionPipeline.load(model);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInput("cannot load the model: " + e.getMessage(), e);
        }
        LoraPipelines.Attached attached;
        try {
            attached = LoraPipelines.attach(pipeline, loras, lenient);
        } catch (IOException | IllegalArgumentException e) {
            pipeline.close();
            throw new InvalidInput(e.getMessage(), e);
        }
        try (pipeline; attached) {
            Result r = run(TextToImage.of(pipeline), pipeline.codec().downsampleFactor(),
                    pipeline.unet().config().blockOutChannels().get(0), request, out, overwrite, model);
            return new Result(r.generation(), r.files(), attached.warnings());
        }
    }

    /**
     * Generates with a sampler built elsewhere (e.g. over ONNX Runtime sessions): checks the
     * request and {@code out} first, then writes what {@link #run(Path, GenerationRequest.Builder,
     * Path, boolean)} writes.
     *
     * @param downsampleFactor image side / latent side of the model
     * @param firstWidth channels of the UNet's first level (sizes the native memory check)
     * @param model the folder recorded in the sidecars
     */
    public static Result run(TextToImage t2i, int downsampleFactor, int firstWidth, GenerationRequest.Builder request,
            Path out, boolean overwrite, Path model) throws InvalidInput, IOException {
        return run(t2i, downsampleFactor, firstWidth, request, out, overwrite, model, "");
    }

    /**
     * As above; {@code backendOptions} (e.g. {@code --backend onnxruntime --precision int8}) go
     * into each sidecar's reproduce command.
     */
    public static Result run(TextToImage t2i, int downsampleFactor, int firstWidth, GenerationRequest.Builder request,
            Path out, boolean overwrite, Path model, String backendOptions) throws InvalidInput, IOException {
        GenerationRequest built;
        try {
            ImageOutputs.checkWritable(out);
            built = request.build();
            GenerationSettings settings = t2i.resolve(built);
            GenerationMemory.require(settings.imageCount(), settings.width(), settings.height(),
                    downsampleFactor, 10L * 4 * firstWidth, built.batchSize());
            ImageOutputs.plan(out, settings, overwrite);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage(), e);
        }
        GenerationResult result = t2i.generate(built);
        return new Result(result, ImageOutputs.write(out, result, model, backendOptions), List.of());
    }
}
