package com.pokegen.engine.pipeline;

import com.pokegen.engine.data.ProgressListener;
import com.pokegen.engine.model.nn.FloatTensor;
import com.pokegen.engine.schedule.TimestepSpacing;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What to generate: one image per prompt. Unset optional fields take the model folder's
 * {@link RecommendedSettings} (then the scheduler config and the UNet's sample size).
 * Built with {@link #builder()}; {@link TextToImage#resolve} validates it against a model.
 */
public final class GenerationRequest {

    private final List<String> prompts;
    private final List<String> negativePrompts;
    private final long[] seeds;
    private final FloatTensor initialLatents;
    private final Integer steps;
    private final Double guidance;
    private final String scheduler;
    private final TimestepSpacing timestepSpacing;
    private final Integer width;
    private final Integer height;
    private final int batchSize;
    private final ProgressListener progress;
    private final BooleanSupplier cancelled;

    private GenerationRequest(Builder b) {
        prompts = List.copyOf(b.prompts);
        negativePrompts = b.negativePrompts == null ? null : List.copyOf(b.negativePrompts);
        seeds = b.seeds == null ? null : b.seeds.clone();
        initialLatents = b.initialLatents;
        steps = b.steps;
        guidance = b.guidance;
        scheduler = b.scheduler;
        timestepSpacing = b.timestepSpacing;
        width = b.width;
        height = b.height;
        batchSize = b.batchSize;
        progress = b.progress;
        cancelled = b.cancelled;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> prompts() {
        return prompts;
    }

    /** null = "" for every image; one entry = the same for all; else one per prompt. */
    public List<String> negativePrompts() {
        return negativePrompts;
    }

    public long[] seeds() {
        return seeds == null ? null : seeds.clone();
    }

    public FloatTensor initialLatents() {
        return initialLatents;
    }

    public Integer steps() {
        return steps;
    }

    public Double guidance() {
        return guidance;
    }

    public String scheduler() {
        return scheduler;
    }

    public TimestepSpacing timestepSpacing() {
        return timestepSpacing;
    }

    public Integer width() {
        return width;
    }

    public Integer height() {
        return height;
    }

    public int batchSize() {
        return batchSize;
    }

    public ProgressListener progress() {
        return progress;
    }

    public BooleanSupplier cancelled() {
        return cancelled;
    }

    /** {@code setX} required, {@code optX} optional (defaults in each method's Javadoc). */
    public static final class Builder {
        private List<String> prompts;
        private List<String> negativePrompts;
        private long[] seeds;
        private FloatTensor initialLatents;
        private Integer steps;
        private Double guidance;
        private String scheduler;
        private TimestepSpacing timestepSpacing;
        private Integer width;
        private Integer height;
        private int batchSize = 8;
        private ProgressListener progress = ProgressListener.NONE;
        private BooleanSupplier cancelled = () -> false;

        private Builder() {}

        /** One image per prompt. */
        public Builder setPrompts(List<String> prompts) {
            this.prompts = prompts;
            return this;
        }

        /** Default: "" (unconditional) for every image. Used only with guidance &gt; 1. */
        public Builder optNegativePrompts(List<String> negatives) {
            this.negativePrompts = negatives;
            return this;
        }

        /**
         * One seed per prompt, for the initial latents and any ancestral noise (see
         * {@link SeededNoise}). Required unless {@link #optInitialLatents} is given; then the
         * ancestral noise uses these seeds, or 0, 1, 2, ... when none are set.
         */
        public Builder setSeeds(long... seeds) {
            this.seeds = seeds;
            return this;
        }

        /** Explicit x_T (B, C, h, w) before scaling by the scheduler's init sigma, as diffusers' {@code latents=}. */
        public Builder optInitialLatents(FloatTensor latents) {
            this.initialLatents = latents;
            return this;
        }

        /** Default: the model's recommended steps (25 without pokegen.json). */
        public Builder optSteps(int steps) {
            this.steps = steps;
            return this;
        }

        /** Default: the model's recommended guidance (7.5 without pokegen.json); ≤ 1 = no CFG. */
        public Builder optGuidance(double guidance) {
            this.guidance = guidance;
            return this;
        }

        /** One of {@code Schedulers.NAMES}; default: the recommended one, else the folder's scheduler. */
        public Builder optScheduler(String name) {
            this.scheduler = name;
            return this;
        }

        /** Default: the recommended spacing, else the folder's scheduler config's. */
        public Builder optTimestepSpacing(TimestepSpacing spacing) {
            this.timestepSpacing = spacing;
            return this;
        }

        /** Image size in pixels; default: the UNet's sample_size × the VAE factor. */
        public Builder optSize(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /** Most images per UNet batch (default 8); CFG doubles the UNet batch. */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optProgress(ProgressListener listener) {
            this.progress = listener;
            return this;
        }

        /** Checked before every step; when true, generation stops with a CancellationException. */
        public Builder optCancellation(BooleanSupplier cancelled) {
            this.cancelled = cancelled;
            return this;
        }

        public GenerationRequest build() {
            if (prompts == null || prompts.isEmpty()) {
                throw new IllegalArgumentException("give at least one prompt");
            }
            for (String p : prompts) {
                if (p == null) {
                    throw new IllegalArgumentException("prompts must not contain null (use \"\" for none)");
                }
            }
            if (seeds == null && initialLatents == null) {
                throw new IllegalArgumentException("give one seed per prompt (or explicit initial latents)");
            }
            if (seeds != null && seeds.length != prompts.size()) {
                throw new IllegalArgumentException(seeds.length + " seeds for " + prompts.size()
                        + " prompts; give one seed per image");
            }
            if (negativePrompts != null && negativePrompts.size() != 1 && negativePrompts.size() != prompts.size()) {
                throw new IllegalArgumentException(negativePrompts.size() + " negative prompts for "
                        + prompts.size() + " prompts; give one for all or one per prompt");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            if (progress == null || cancelled == null) {
                throw new IllegalArgumentException("progress listener and cancellation must not be null");
            }
            return new GenerationRequest(this);
        }
    }
}
