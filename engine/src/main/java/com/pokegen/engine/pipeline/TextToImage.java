package com.pokegen.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.data.ProgressListener;
import com.pokegen.engine.model.nn.FloatTensor;
import com.pokegen.engine.model.text.TextEncoder;
import com.pokegen.engine.model.vae.ImageCodec;
import com.pokegen.engine.schedule.DDIMScheduler;
import com.pokegen.engine.schedule.DDPMScheduler;
import com.pokegen.engine.schedule.EulerAncestralDiscreteScheduler;
import com.pokegen.engine.schedule.EulerDiscreteScheduler;
import com.pokegen.engine.schedule.Scheduler;
import com.pokegen.engine.schedule.Schedulers;
import com.pokegen.engine.schedule.TimestepSpacing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Text-to-image sampling of latent diffusion (Rombach et al., 2022): prompts → text states →
 * seeded x_T → denoising loop → VAE decode. With guidance scale w &gt; 1 each step uses
 * classifier-free guidance (Ho &amp; Salimans, 2022, eq. 6): ε̃ = ε(x, ∅) + w·(ε(x, c) − ε(x, ∅)),
 * both halves in one batched UNet call as diffusers does; with w ≤ 1 one conditional call per
 * step. The same loop serves a many-step teacher with CFG and a 1–4-step ADD student without.
 *
 * <p>Reproducibility: initial latents and ancestral noise come from {@link SeededNoise}, so the
 * same seed and settings give the same pixels on CPU. Each step runs in its own {@link NDScope}.
 */
public final class TextToImage {

    private final TextEncoder textEncoder;
    private final PromptStates promptStates;
    private final Denoiser denoiser;
    private final ImageCodec vae;
    private final ObjectNode schedulerConfig;
    private final RecommendedSettings recommended;
    private final int defaultLatentSize;
    private final String modelId;

    private TextToImage(Builder b) {
        DiffusionPipeline p = b.pipeline;
        if (p != null) {
            textEncoder = p.textEncoder();
            promptStates = p.promptStates();
            denoiser = b.denoiser == null ? p.denoiser() : b.denoiser;
            vae = p.codec();
            schedulerConfig = p.schedulerConfig();
            recommended = p.metadata().recommended();
            Integer sample = p.unet().config().sampleSize();
            defaultLatentSize = sample == null ? 64 : sample;
            modelId = p.modelId();
        } else {
            Components c = b.components;
            textEncoder = c.textEncoder();
            promptStates = new PromptStates(textEncoder);
            denoiser = b.denoiser;
            vae = c.codec();
            schedulerConfig = c.schedulerConfig().deepCopy();
            recommended = c.recommended();
            defaultLatentSize = c.defaultLatentSize();
            modelId = c.modelId();
        }
    }

    /**
     * What sampling needs besides the denoiser, for models that are not a {@link DiffusionPipeline}
     * (a UNet and decoder run by ONNX Runtime): the same text encoder, scheduler and loop.
     *
     * @param codec decodes the final latents ({@link com.pokegen.engine.model.vae.PixelSpace#RGB} in pixel space)
     * @param defaultLatentSize latent side used when the request gives no size
     * @param modelId recorded with every image
     */
    public record Components(TextEncoder textEncoder, ImageCodec codec, ObjectNode schedulerConfig,
            RecommendedSettings recommended, int defaultLatentSize, String modelId) {

        public Components {
            if (textEncoder == null || codec == null || schedulerConfig == null || recommended == null || modelId == null) {
                throw new IllegalArgumentException("TextToImage.Components: text encoder, codec, scheduler config,"
                        + " recommended settings and model id are required");
            }
            if (defaultLatentSize < 1) {
                throw new IllegalArgumentException("default latent size must be >= 1, got " + defaultLatentSize);
            }
        }
    }

    /** Samples {@code pipeline} with its UNet. */
    public static TextToImage of(DiffusionPipeline pipeline) {
        return builder().setPipeline(pipeline).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------------------- validation

    /**
     * Applies the model's defaults to {@code request} and checks it, without computing anything.
     *
     * @throws IllegalArgumentException naming the setting and the accepted range
     */
    public GenerationSettings resolve(GenerationRequest request) {
        return plan(request).settings;
    }

    private record Plan(GenerationSettings settings, ObjectNode schedulerConfig, String schedulerName) {
        Scheduler newScheduler() {
            return TextToImage.newScheduler(this, settings.steps());
        }
    }

    private Plan plan(GenerationRequest r) {
        int b = r.prompts().size();
        int numTrain = Schedulers.fromConfig(schedulerConfig).schedule().numTrainTimesteps();
        int steps = r.steps() != null ? r.steps() : recommended.steps();
        if (steps < 1 || steps > numTrain) {
            throw new IllegalArgumentException("steps must be between 1 and " + numTrain
                    + " (the model's num_train_timesteps), got " + steps);
        }
        double guidance = r.guidance() != null ? r.guidance() : recommended.guidance();
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new IllegalArgumentException("guidance must be a finite number >= 0 (<= 1 turns CFG off), got "
                    + guidance);
        }
        int f = vae.downsampleFactor();
        int width = r.width() != null ? r.width() : defaultLatentSize * f;
        int height = r.height() != null ? r.height() : defaultLatentSize * f;
        if (width < f || height < f || width % f != 0 || height % f != 0) {
            throw new IllegalArgumentException("size " + width + "x" + height + " must be a positive multiple of"
                    + " the VAE's downsampling factor " + f + " in both directions (e.g. "
                    + Math.max(f, width / f * f) + "x" + Math.max(f, height / f * f) + ")");
        }
        checkInitialLatents(r, b, height / f, width / f);

        ObjectNode config = schedulerConfig.deepCopy();
        TimestepSpacing spacing = r.timestepSpacing() != null ? r.timestepSpacing() : recommended.timestepSpacing();
        if (spacing != null) {
            config.put("timestep_spacing", spacing.configName());
        }
        String name = r.scheduler() != null ? r.scheduler() : recommended.scheduler();
        Plan draft = new Plan(null, config, name);
        Scheduler scheduler = newScheduler(draft, steps);

        List<String> negatives = expandNegatives(r.negativePrompts(), b);
        long[] seeds = r.seeds() != null ? r.seeds() : sequence(b);
        GenerationSettings settings = new GenerationSettings(r.prompts(), negatives, seeds, r.initialLatents() != null,
                steps, guidance, cliName(scheduler), scheduler.className(), scheduler.schedule().timestepSpacing(),
                scheduler.timesteps(), width, height, modelId);
        return new Plan(settings, config, name);
    }

    private static Scheduler newScheduler(Plan draft, int steps) {
        Scheduler s = draft.schedulerName() == null
                ? Schedulers.fromConfig(draft.schedulerConfig())
                : Schedulers.create(draft.schedulerName(), Schedulers.fromConfig(draft.schedulerConfig()).schedule());
        s.setTimesteps(steps);
        return s;
    }

    private void checkInitialLatents(GenerationRequest r, int b, int h, int w) {
        if (r.initialLatents() == null) {
            return;
        }
        long[] expected = {b, vae.latentChannels(), h, w};
        if (!Arrays.equals(r.initialLatents().shape(), expected)) {
            throw new IllegalArgumentException("initial latents have shape " + Arrays.toString(r.initialLatents().shape())
                    + " but " + b + " images of this size need " + Arrays.toString(expected));
        }
    }

    private static List<String> expandNegatives(List<String> negatives, int b) {
        if (negatives == null) {
            return Collections.nCopies(b, "");
        }
        return negatives.size() == 1 ? Collections.nCopies(b, negatives.get(0)) : negatives;
    }

    private static long[] sequence(int b) {
        long[] s = new long[b];
        Arrays.setAll(s, i -> i);
        return s;
    }

    /** The {@link Schedulers#NAMES} name of a scheduler. */
    static String cliName(Scheduler s) {
        if (s instanceof EulerAncestralDiscreteScheduler) {
            return "euler-ancestral";
        } else if (s instanceof EulerDiscreteScheduler) {
            return "euler";
        } else if (s instanceof DDPMScheduler) {
            return "ddpm";
        } else if (s instanceof DDIMScheduler) {
            return "ddim";
        }
        return s.className();
    }

    // ---------------------------------------------------------------------------- sampling

    /**
     * Generates one image per prompt, in batches of {@link GenerationRequest#batchSize()}.
     *
     * @throws IllegalArgumentException for invalid settings (before any computation)
     * @throws CancellationException when the request's cancellation flag turns true
     */
    public GenerationResult generate(GenerationRequest request) {
        long start = System.nanoTime();
        Plan plan = plan(request);
        GenerationSettings s = plan.settings;
        List<String> warnings = new ArrayList<>();
        if (recommended.maxSteps() != null && s.steps() > recommended.maxSteps()) {
            warnings.add("this model is made for at most " + recommended.maxSteps() + " steps; " + s.steps()
                    + " may give worse images");
        }
        int b = s.imageCount();
        int batch = Math.min(request.batchSize(), b);
        int batches = (b + batch - 1) / batch;
        Progress progress = new Progress(request, s.steps() * batches);
        List<FloatTensor> images = new ArrayList<>();
        List<FloatTensor> latents = new ArrayList<>();
        Clock clock = new Clock();
        int calls = 0;
        for (int from = 0; from < b; from += batch) {
            int to = Math.min(b, from + batch);
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray x = sampleLatents(plan, request, from, to, manager, progress, warnings, clock);
                calls += s.steps();
                latents.add(FloatTensor.of(x));
                clock.denoise += clock.lap();
                progress.checkCancelled();
                images.add(decode(x));
                clock.decode += clock.lap();
            }
        }
        return new GenerationResult(concat(images), concat(latents), s, warnings, calls, System.nanoTime() - start,
                new StageTimes(clock.text, clock.denoise, clock.decode));
    }

    private NDArray sampleLatents(Plan plan, GenerationRequest r, int from, int to, NDManager manager,
            Progress progress, List<String> warnings, Clock clock) {
        GenerationSettings s = plan.settings;
        boolean cfg = s.classifierFreeGuidance();
        Scheduler scheduler = plan.newScheduler();
        SeededNoise noise = new SeededNoise(Arrays.copyOfRange(s.seeds(), from, to));
        clock.lap();
        NDArray text = encodeText(s, from, to, cfg, manager, warnings); // (B or 2B, L, D)
        clock.text += clock.lap();
        long c = vae.latentChannels();
        long h = s.height() / vae.downsampleFactor();
        long w = s.width() / vae.downsampleFactor();
        NDArray x = initialLatents(r, noise, from, to, manager, c, h, w);
        x = replace(x, x.mul(scheduler.initNoiseSigma()));
        boolean stochastic = needsNoise(scheduler);
        for (float t : scheduler.timesteps()) {
            progress.checkCancelled();
            NDArray next;
            try (NDScope scope = new NDScope()) {
                NDArray in = cfg ? NDArrays.concat(new NDList(x, x)) : x; // (B, C, h, w) -> (2B, ...)
                in = scheduler.scaleModelInput(in, t);
                NDArray out = denoiser.predict(in, com.pokegen.engine.model.nn.Tensors.floats(manager, new float[] {t}, new ai.djl.ndarray.types.Shape(1)), text);
                NDArray eps = cfg ? guide(out, s.guidance()) : out;
                NDArray z = stochastic ? noise.next(manager, c, h, w) : null;
                next = scheduler.step(eps, t, x, z).prevSample();
                NDScope.unregister(next);
            }
            x = replace(x, next);
            progress.stepDone();
        }
        text.close();
        return x;
    }

    // ε(∅) + w·(ε(c) − ε(∅)); the batch holds the unconditional half first, as diffusers'
    private static NDArray guide(NDArray out, double guidance) {
        NDList halves = out.split(2); // (2B, ...) -> 2 × (B, ...)
        NDArray uncond = halves.get(0);
        NDArray cond = halves.get(1);
        return uncond.add(cond.sub(uncond).mul((float) guidance));
    }

    private NDArray encodeText(GenerationSettings s, int from, int to, boolean cfg, NDManager manager,
            List<String> warnings) {
        List<String> prompts = s.prompts().subList(from, to);
        try (NDScope scope = new NDScope()) {
            PromptStates.Encoded cond = promptStates.encode(prompts, manager);
            warnTruncated(cond.droppedTokens(), prompts, from, warnings);
            if (!cfg) {
                NDScope.unregister(cond.hiddenStates());
                return cond.hiddenStates(); // (B, L, D)
            }
            List<String> negatives = s.negativePrompts().subList(from, to);
            PromptStates.Encoded uncond = promptStates.encode(negatives, manager);
            warnTruncated(uncond.droppedTokens(), negatives, from, warnings);
            NDArray states = NDArrays.concat(new NDList(uncond.hiddenStates(), cond.hiddenStates())); // (2B, L, D)
            NDScope.unregister(states);
            uncond.hiddenStates().close();
            cond.hiddenStates().close();
            return states;
        }
    }

    private void warnTruncated(int[] dropped, List<String> prompts, int from, List<String> warnings) {
        for (int i = 0; i < dropped.length; i++) {
            if (dropped[i] > 0) {
                String p = prompts.get(i);
                warnings.add("prompt " + (from + i + 1) + " (\"" + (p.length() > 40 ? p.substring(0, 40) + "..." : p)
                        + "\") is longer than the text encoder's " + textEncoder.maxLength()
                        + " tokens; its last " + dropped[i] + " tokens were dropped");
            }
        }
    }

    private static NDArray initialLatents(GenerationRequest r, SeededNoise noise, int from, int to,
            NDManager manager, long c, long h, long w) {
        if (r.initialLatents() == null) {
            return noise.next(manager, c, h, w);
        }
        float[] all = r.initialLatents().data();
        int per = Math.toIntExact(c * h * w);
        float[] part = Arrays.copyOfRange(all, from * per, to * per);
        return com.pokegen.engine.model.nn.Tensors.floats(manager, part, new ai.djl.ndarray.types.Shape(to - from, c, h, w));
    }

    static boolean needsNoise(Scheduler s) {
        return s instanceof EulerAncestralDiscreteScheduler || s instanceof DDPMScheduler
                || s instanceof DDIMScheduler && ((DDIMScheduler) s).eta() > 0;
    }

    /** latents (B, C, h, w) → images (B, 3, H, W) in [0, 1]: z/scaling (+shift), decode, x/2 + 0.5. */
    private FloatTensor decode(NDArray latents) {
        try (NDScope scope = new NDScope()) {
            NDArray z = vae.unscaleLatents(latents);
            NDArray image = vae.decode(z).div(2f).add(0.5f).clip(0f, 1f);
            return FloatTensor.of(image);
        }
    }

    private static NDArray replace(NDArray old, NDArray next) {
        if (old != next) {
            old.close();
        }
        return next;
    }

    private static FloatTensor concat(List<FloatTensor> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        long[] shape = parts.get(0).shape();
        int total = parts.stream().mapToInt(p -> p.data().length).sum();
        float[] data = new float[total];
        int at = 0;
        long rows = 0;
        for (FloatTensor p : parts) {
            System.arraycopy(p.data(), 0, data, at, p.data().length);
            at += p.data().length;
            rows += p.shape()[0];
        }
        shape[0] = rows;
        return new FloatTensor(shape, data);
    }

    /** Stage wall times of one generate call; {@link #lap} returns the nanoseconds since the last lap. */
    private static final class Clock {
        private long last = System.nanoTime();
        private long text;
        private long denoise;
        private long decode;

        long lap() {
            long now = System.nanoTime();
            long lap = now - last;
            last = now;
            return lap;
        }
    }

    /** Counts steps over all batches and checks the cancellation flag. */
    private static final class Progress {
        private final GenerationRequest request;
        private final int total;
        private int done;

        Progress(GenerationRequest request, int total) {
            this.request = request;
            this.total = total;
        }

        void checkCancelled() {
            if (request.cancelled().getAsBoolean()) {
                throw new CancellationException("generation cancelled after " + done + " of " + total + " steps");
            }
        }

        void stepDone() {
            done++;
            request.progress().progress(ProgressListener.DENOISE, done, total);
        }
    }

    /**
     * {@code setPipeline} (or {@code setComponents} with {@code optDenoiser}) required;
     * {@code optDenoiser} replaces the UNet call (tests, trainers, ONNX Runtime).
     */
    public static final class Builder {
        private DiffusionPipeline pipeline;
        private Components components;
        private Denoiser denoiser;

        private Builder() {}

        public Builder setPipeline(DiffusionPipeline pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        /** Everything but the denoiser, from outside a {@link DiffusionPipeline}; needs {@code optDenoiser}. */
        public Builder setComponents(Components components) {
            this.components = components;
            return this;
        }

        /** Default: the pipeline's UNet. */
        public Builder optDenoiser(Denoiser denoiser) {
            this.denoiser = denoiser;
            return this;
        }

        public TextToImage build() {
            if ((pipeline == null) == (components == null)) {
                throw new IllegalArgumentException("TextToImage needs a pipeline or components (one of them)");
            }
            if (components != null && denoiser == null) {
                throw new IllegalArgumentException("TextToImage built from components needs optDenoiser");
            }
            return new TextToImage(this);
        }
    }
}
