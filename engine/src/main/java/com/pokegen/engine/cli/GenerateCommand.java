package com.pokegen.engine.cli;

import com.pokegen.engine.export.onnx.OnnxPipeline;
import com.pokegen.engine.export.onnx.WeightPrecision;
import com.pokegen.engine.model.lora.LoraSpec;
import com.pokegen.engine.pipeline.GenerateJob;
import com.pokegen.engine.pipeline.GenerationMemory;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.schedule.TimestepSpacing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pokegen generate}: prompts in, PNGs + JSON sidecars + a contact sheet out. Settings the
 * user leaves out come from the model folder's {@code pokegen.json} (a student: Euler-ancestral,
 * trailing, 1 step, guidance 0). Parses the options into a request for one engine call,
 * {@link GenerateJob#run}, which checks everything before anything is computed or written.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate images from text prompts with a diffusers model folder.")
final class GenerateCommand implements Callable<Integer> {

    static final int INVALID_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "diffusers pipeline folder")
    private Path model;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "a prompt (repeatable)")
    private List<String> prompts = new ArrayList<>();

    @Option(names = "--prompts", paramLabel = "FILE",
            description = "UTF-8 file with one prompt per line (blank lines and lines starting with # are skipped)")
    private Path promptsFile;

    @Option(names = "--negative", paramLabel = "TEXT", description = "negative prompt (used with guidance > 1)")
    private String negative;

    @Option(names = "--steps", description = "denoising steps (default: the model's recommendation)")
    private Integer steps;

    @Option(names = "--guidance", description = "classifier-free guidance scale; <= 1 turns it off"
            + " (default: the model's recommendation)")
    private Double guidance;

    @Option(names = "--scheduler", description = "ddim, euler, euler-ancestral or ddpm (default: the model's)")
    private String scheduler;

    @Option(names = "--spacing", description = "timestep spacing: leading, trailing or linspace (default: the model's)")
    private String spacing;

    @Option(names = "--seed", description = "seed of the first image; image k uses seed + k (default: random)")
    private Long seed;

    @Option(names = "--n", defaultValue = "1", description = "images per prompt (default: ${DEFAULT-VALUE})")
    private int perPrompt;

    @Option(names = "--size", paramLabel = "WxH", description = "image size, e.g. 64 or 64x48 (default: the model's)")
    private String size;

    @Option(names = "--batch-size", defaultValue = "8", description = "images per UNet batch (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    private Path out;

    @Option(names = "--overwrite", description = "replace files a previous run left in --out")
    private boolean overwrite;

    @Option(names = "--lora", paramLabel = "FILE[:SCALE]",
            description = "apply a LoRA (PEFT/diffusers or kohya safetensors) with a scale (default 1); repeatable: LoRAs stack")
    private List<String> loras = new ArrayList<>();

    @Option(names = "--lenient", description = "skip LoRA keys that match no UNet layer (with a warning) instead of failing")
    private boolean lenient;

    @Option(names = "--backend", defaultValue = "libtorch",
            description = "libtorch (the engine; --model is a pipeline folder) or onnxruntime (--model is a folder"
                    + " written by export --format onnx) (default: ${DEFAULT-VALUE})")
    private String backend;

    @Option(names = "--precision", defaultValue = "fp32",
            description = "with --backend onnxruntime: fp32, fp16 or int8 weights (default: ${DEFAULT-VALUE})")
    private String precision;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        GenerationRequest.Builder request;
        GenerateJob.Result r;
        List<LoraSpec> loraSpecs = new ArrayList<>();
        try {
            request = requestFromOptions();
            for (String l : loras) {
                loraSpecs.add(LoraSpec.parse(l));
            }
        } catch (IOException | IllegalArgumentException e) {
            return refuse(err, e);
        }
        String engine = backend.strip().toLowerCase(java.util.Locale.ROOT);
        if (!engine.equals("libtorch") && !engine.equals("onnxruntime")) {
            return refuse(err, new IllegalArgumentException("--backend " + backend
                    + " is not supported; use libtorch or onnxruntime"));
        }
        if (engine.equals("libtorch") && !precision.strip().equalsIgnoreCase("fp32")) {
            return refuse(err, new IllegalArgumentException("--precision " + precision
                    + " needs --backend onnxruntime (the libtorch backend runs the model's float32 weights)"));
        }
        request.optProgress(new TerminalProgressBar(err, "generating"));
        try {
            r = engine.equals("onnxruntime") ? runOnnx(request, loraSpecs) : GenerateJob.run(model, loraSpecs, lenient,
                    request, out, overwrite);
        } catch (GenerateJob.InvalidInput e) {
            return refuse(err, e);
        }
        r.loraWarnings().forEach(w -> err.println("warning: " + w));
        r.generation().warnings().forEach(w -> err.println("warning: " + w));
        spec.commandLine().getOut().printf("wrote %d images (%d files) to %s in %.1f s%n",
                r.generation().settings().imageCount(), r.files().size(), out, r.generation().elapsedNanos() / 1e9);
        return 0;
    }

    /** The exported ONNX files through ONNX Runtime; the sampling loop and seeds are the engine's. */
    private GenerateJob.Result runOnnx(GenerationRequest.Builder request, List<LoraSpec> loraSpecs)
            throws GenerateJob.InvalidInput, IOException {
        if (!loraSpecs.isEmpty()) {
            throw new GenerateJob.InvalidInput("--lora needs --backend libtorch; for ONNX, merge the LoRA"
                    + " (./pokegen merge-lora) and export the merged model", null);
        }
        OnnxPipeline onnx;
        try {
            onnx = OnnxPipeline.open(model, WeightPrecision.parse(precision));
        } catch (IOException | IllegalArgumentException e) {
            throw new GenerateJob.InvalidInput("cannot load the ONNX export: " + e.getMessage(), e);
        }
        try (onnx) {
            return GenerateJob.run(onnx.textToImage(), onnx.codec().downsampleFactor(), onnx.firstWidth(), request, out,
                    overwrite, model, "--backend onnxruntime --precision " + onnx.precision().id());
        }
    }

    private static int refuse(PrintWriter err, Exception e) {
        err.println("error: " + e.getMessage());
        return INVALID_INPUT;
    }

    private GenerationRequest.Builder requestFromOptions() throws IOException {
        List<String> base = new ArrayList<>(prompts);
        if (promptsFile != null) {
            base.addAll(readPrompts(promptsFile));
        }
        if (base.isEmpty()) {
            throw new IllegalArgumentException("give at least one --prompt or a --prompts file");
        }
        if (perPrompt < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + perPrompt);
        }
        int[] wh = size == null ? null : parseSize(size);
        // before the seed array: at --size, or at the smallest size any model makes (8x8)
        GenerationMemory.require((long) base.size() * perPrompt, wh == null ? 8 : wh[0], wh == null ? 8 : wh[1], 0, 0, batchSize);
        long first = seed != null ? seed : ThreadLocalRandom.current().nextLong(0, 1L << 31);
        List<String> all = new ArrayList<>();
        long[] seeds = new long[base.size() * perPrompt];
        for (String p : base) {
            for (int j = 0; j < perPrompt; j++) {
                seeds[all.size()] = first + all.size();
                all.add(p);
            }
        }
        GenerationRequest.Builder b = GenerationRequest.builder().setPrompts(all).setSeeds(seeds).optBatchSize(batchSize);
        if (negative != null) {
            b.optNegativePrompts(List.of(negative));
        }
        if (steps != null) {
            b.optSteps(steps);
        }
        if (guidance != null) {
            b.optGuidance(guidance);
        }
        if (scheduler != null) {
            b.optScheduler(scheduler);
        }
        if (spacing != null) {
            b.optTimestepSpacing(TimestepSpacing.fromConfigName(spacing));
        }
        if (wh != null) {
            b.optSize(wh[0], wh[1]);
        }
        return b;
    }

    /**
     * Refuses a request whose images cannot fit: all of them stay in the Java heap (RGB floats,
     * twice while they are gathered), and each UNet batch needs native memory for at least ten
     * latent maps of the UNet's first width ({@code latentBytes} per latent pixel, 0 before the
     * model is known).
     */
    static List<String> readPrompts(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read the prompts file " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String p = line.strip();
            if (!p.isEmpty() && !p.startsWith("#")) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new IOException("the prompts file " + file + " has no prompts (one per line)");
        }
        return out;
    }

    /** "64" → 64×64; "64x48" → width 64, height 48. */
    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x", -1);
        try {
            if (parts.length == 1) {
                int s = Integer.parseInt(parts[0].strip());
                return new int[] {s, s};
            }
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("--size must be N or WxH (e.g. 64 or 64x48), got '" + text + "'");
    }
}
