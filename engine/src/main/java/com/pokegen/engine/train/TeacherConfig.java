package com.pokegen.engine.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.MemoryBudget;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.schedule.PredictionType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Teacher training settings. Presets are JSON files with these keys (see
 * {@code presets/teacher-*.json}); absent keys take the defaults documented per field.
 */
@JsonIgnoreProperties(value = {"_doc"})
public record TeacherConfig(
        /** Model preset name for training from scratch ("pokemon-tiny"); ignored with an init folder. */
        @JsonProperty("model_preset") String modelPreset,
        /** Image side in pixels; latents are side / VAE factor. Default 64. */
        @JsonProperty("resolution") int resolution,
        /** Optimiser updates. Default 2000. */
        @JsonProperty("steps") int steps,
        /** Samples per micro-batch. Default 32. */
        @JsonProperty("batch_size") int batchSize,
        /** Micro-batches per update. Default 1. */
        @JsonProperty("grad_accumulation") int gradAccumulation,
        /** Peak learning rate. Default 3e-4 (1e-5 when fine-tuning SD). */
        @JsonProperty("learning_rate") float learningRate,
        /** Linear warm-up updates. Default 100. */
        @JsonProperty("warmup_steps") int warmupSteps,
        /** "constant" or "cosine" after warm-up. Default constant. */
        @JsonProperty("lr_schedule") LrSchedule.Kind lrSchedule,
        /** AdamW decoupled weight decay. Default 0.01. */
        @JsonProperty("weight_decay") float weightDecay,
        /** AdamW β1. Default 0.9. */
        @JsonProperty("beta1") float beta1,
        /** AdamW β2. Default 0.999. */
        @JsonProperty("beta2") float beta2,
        /** EMA decay of the weights used for sampling. Default 0.999. */
        @JsonProperty("ema_decay") float emaDecay,
        /** Global gradient-norm clip. Default 1.0. */
        @JsonProperty("grad_clip") float gradClip,
        /** Probability of training on the empty caption (enables CFG). Default 0.1. */
        @JsonProperty("caption_dropout") float captionDropout,
        /** "epsilon", "v_prediction" or "sample". Default epsilon. */
        @JsonProperty("prediction_type") String predictionType,
        /** Min-SNR-γ weighting; 0 disables. Default 5. */
        @JsonProperty("min_snr_gamma") float minSnrGamma,
        /** Random horizontal flips. Default true. */
        @JsonProperty("random_flip") boolean randomFlip,
        /** Root seed of every random draw. Default 0. */
        @JsonProperty("seed") long seed,
        /** Log every N updates. Default 10. */
        @JsonProperty("log_every") int logEvery,
        /** Sample grid every N updates (0 = never). Default 250. */
        @JsonProperty("sample_every") int sampleEvery,
        /** Checkpoint every N updates (0 = only at the end). Default 250. */
        @JsonProperty("checkpoint_every") int checkpointEvery,
        /** Prompts of the sample grids. */
        @JsonProperty("sample_prompts") List<String> samplePrompts,
        /** Sampler steps for grids. Default 25. */
        @JsonProperty("sample_steps") int sampleSteps,
        /** Guidance scale for grids. Default 3.0. */
        @JsonProperty("sample_guidance") float sampleGuidance,
        /** Framings of each image (1 = none; N = the picture plus N − 1 random re-framings). Default 1. */
        @JsonProperty("augment_variants") int augmentVariants,
        /**
         * Zero terminal SNR (Lin et al. 2024, alg. 1): rescale the betas so x_T is pure noise, as it is
         * when sampling; needs v_prediction or sample. Default false (Stable Diffusion's schedule).
         */
        @JsonProperty("rescale_betas_zero_snr") boolean rescaleBetasZeroSnr) implements StageConfig {

    public TeacherConfig {
        require(augmentVariants >= 1, "augment_variants", ">= 1 (1 = no augmentation)");
        require(resolution >= 8, "resolution", "at least 8 pixels");
        require(steps >= 1, "steps", ">= 1");
        require(batchSize >= 1, "batch_size", ">= 1");
        require(gradAccumulation >= 1, "grad_accumulation", ">= 1");
        require(learningRate > 0, "learning_rate", "> 0");
        require(warmupSteps >= 0, "warmup_steps", ">= 0");
        require(captionDropout >= 0 && captionDropout < 1, "caption_dropout", "in [0, 1)");
        require(gradClip > 0, "grad_clip", "> 0");
        require(emaDecay >= 0 && emaDecay < 1, "ema_decay", "in [0, 1)");
        require(logEvery >= 1, "log_every", ">= 1");
        require(sampleEvery >= 0 && checkpointEvery >= 0, "sample_every/checkpoint_every", ">= 0");
        // at least one batch of RGB float images at the training resolution
        MemoryBudget.require("teacher config: a batch (resolution " + resolution + ", batch_size " + batchSize + ")",
                12.0 * batchSize * resolution * resolution, MemoryBudget.Kind.NATIVE, "lower resolution or batch_size");
        if (lrSchedule == null) {
            lrSchedule = LrSchedule.Kind.CONSTANT;
        }
        if (predictionType == null) {
            predictionType = "epsilon";
        }
        if (samplePrompts == null) {
            samplePrompts = List.of();
        }
        // at ᾱ_T = 0 an ε prediction says nothing about x₀ (x₀ = (x − σε)/√ᾱ divides by zero)
        require(!rescaleBetasZeroSnr || !predictionType.equals("epsilon"), "rescale_betas_zero_snr",
                "false with prediction_type epsilon (set prediction_type=v_prediction)");
        // Min-SNR-γ weighs a step by min(SNR, γ)/(SNR + 1) for v: 0 at SNR = 0, the step sampling starts from
        require(!rescaleBetasZeroSnr || minSnrGamma == 0, "min_snr_gamma",
                "0 with rescale_betas_zero_snr (it would give the pure-noise step no weight; set min_snr_gamma=0)");
    }

    /** The forward process this config trains on: Stable Diffusion's, with this prediction type. */
    public NoiseSchedule noiseSchedule() {
        return NoiseSchedule.stableDiffusion()
                .withPredictionType(PredictionType.fromConfigName(predictionType))
                .withRescaleBetasZeroSnr(rescaleBetasZeroSnr);
    }

    private static void require(boolean ok, String field, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("teacher config: '" + field + "' must be " + rule);
        }
    }

    /** Defaults overlaid with a preset file's keys. Unknown keys are an error naming the file. */
    public static TeacherConfig load(Path preset) throws IOException {
        return Presets.load("teacher", preset, TeacherConfig.class);
    }

    /** Defaults overlaid with {@code overrides}. */
    public static TeacherConfig of(ObjectNode overrides) throws IOException {
        return Presets.of("teacher", overrides, TeacherConfig.class);
    }

    public ObjectNode toJson() {
        return Presets.toJson(this);
    }
}
