package com.pokegen.engine.train.add;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.schedule.TimestepSpacing;
import com.pokegen.engine.train.Presets;
import com.pokegen.engine.train.StageConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** ADD settings (preset files: keys below; defaults in presets/add-defaults.json). */
public record AddConfig(
        /** Optimiser updates. Default 1000. */
        @JsonProperty("steps") int steps,
        /** Samples per update. Default 16. */
        @JsonProperty("batch_size") int batchSize,
        /** Number of student timesteps, evenly spaced "trailing" (4 → 999, 749, 499, 249); also the exported
         *  max_steps and the largest sample grid. Default 4. */
        @JsonProperty("student_steps") int studentSteps,
        /** Weight of the adversarial term in the generator loss; 0 = distillation-only ablation (no discriminator). Default 1.0. */
        @JsonProperty("adversarial_weight") float adversarialWeight,
        /** λ, the weight of the distillation term in the generator loss; 0 = adversarial-only ablation (no teacher call). Default 2.5. */
        @JsonProperty("distill_weight") float distillWeight,
        /** c(t): "exponential" (ᾱ_t), "sds" or "uniform". Default exponential. */
        @JsonProperty("distill_weighting") DistillationLoss.Weighting distillWeighting,
        /** Teacher guidance scale for the distillation target. Default 3.0. */
        @JsonProperty("teacher_guidance") float teacherGuidance,
        /** γ of the R1 penalty. Default 1e-5. */
        @JsonProperty("r1_gamma") float r1Gamma,
        /** Discriminator re-noising timesteps are drawn from [0, this). Default 500. */
        @JsonProperty("disc_max_timestep") int discMaxTimestep,
        /** Fraction of discriminator inputs seen clean (t = 0) to punish 1-step noise. Default 0.25. */
        @JsonProperty("disc_clean_fraction") float discCleanFraction,
        /** Width of each discriminator head. Default 64. */
        @JsonProperty("head_channels") int headChannels,
        /** Student learning rate. Default 2e-5. */
        @JsonProperty("student_lr") float studentLr,
        /** Discriminator heads' learning rate. Default 2e-4. */
        @JsonProperty("disc_lr") float discLr,
        /** Adam β1 for both. Default 0. */
        @JsonProperty("beta1") float beta1,
        /** Adam β2 for both. Default 0.99. */
        @JsonProperty("beta2") float beta2,
        /** EMA decay of the student. Default 0.99. */
        @JsonProperty("ema_decay") float emaDecay,
        /** Global gradient-norm clip for both networks. Default 1.0. */
        @JsonProperty("grad_clip") float gradClip,
        /** Root seed. Default 0. */
        @JsonProperty("seed") long seed,
        /** Log every N updates. Default 10. */
        @JsonProperty("log_every") int logEvery,
        /** Sample grids every N updates (0 = never). Default 100. */
        @JsonProperty("sample_every") int sampleEvery,
        /** Checkpoint every N updates. Default 100. */
        @JsonProperty("checkpoint_every") int checkpointEvery,
        /** Diversity check every N updates (0 = never). Default 50. */
        @JsonProperty("diversity_every") int diversityEvery,
        /** Warn when the 1-step spread across seeds falls below this fraction of its first value. Default 0.3. */
        @JsonProperty("collapse_ratio") float collapseRatio,
        /** Prompts of sample grids and the diversity check (first prompt). */
        @JsonProperty("sample_prompts") List<String> samplePrompts,
        /** Teacher sampler steps in the comparison grids. Default 50. */
        @JsonProperty("teacher_sample_steps") int teacherSampleSteps,
        /** Framings of each real image (1 = none; see the teacher's augment_variants). Default 1. */
        @JsonProperty("augment_variants") int augmentVariants,
        /** Turbo-LoRA: > 0 trains the student as the frozen teacher plus a LoRA of this rank (α = rank, attention
         * and feed-forward), exported as a LoRA file; 0 trains a full student copy. Default 0. */
        @JsonProperty("lora_rank") int loraRank) implements StageConfig {

    public AddConfig {
        if (augmentVariants < 1) {
            throw new IllegalArgumentException("add config: augment_variants must be >= 1 (1 = no augmentation)");
        }
        if (loraRank < 0) {
            throw new IllegalArgumentException("add config: lora_rank must be >= 0 (0 = full student), got " + loraRank);
        }
        if (steps < 1 || batchSize < 1 || studentSteps < 1 || studentSteps > 1000 || logEvery < 1) {
            throw new IllegalArgumentException("add config: steps, batch_size, log_every >= 1 and student_steps in 1..1000");
        }
        if (adversarialWeight < 0 || distillWeight < 0 || r1Gamma < 0 || studentLr <= 0 || discLr <= 0) {
            throw new IllegalArgumentException("add config: adversarial_weight, distill_weight, r1_gamma >= 0 and learning rates > 0");
        }
        if (adversarialWeight == 0 && distillWeight == 0) {
            throw new IllegalArgumentException("add config: adversarial_weight and distill_weight are both 0, so nothing trains the student;"
                    + " set at least one above 0");
        }
        if (discMaxTimestep < 1 || discMaxTimestep > 1000 || discCleanFraction < 0 || discCleanFraction > 1) {
            throw new IllegalArgumentException("add config: disc_max_timestep in 1..1000, disc_clean_fraction in [0, 1]");
        }
        if (distillWeighting == null) {
            distillWeighting = DistillationLoss.Weighting.EXPONENTIAL;
        }
        if (samplePrompts == null || samplePrompts.isEmpty()) {
            samplePrompts = List.of("a pokemon");
        }
    }

    public static AddConfig load(Path preset) throws IOException {
        return Presets.load("add", preset, AddConfig.class);
    }

    public static AddConfig of(ObjectNode overrides) throws IOException {
        return Presets.of("add", overrides, AddConfig.class);
    }

    public ObjectNode toJson() {
        return Presets.toJson(this);
    }

    /** The trained timesteps: trailing over the schedule (4 of 1000 → 999, 749, 499, 249). */
    public long[] studentTimesteps(int trainTimesteps) {
        return TimestepSpacing.trailing(trainTimesteps, studentSteps);
    }

    /** Step counts of the sample grids: the powers of two below student_steps, then student_steps. */
    public int[] sampleStepCounts() {
        IntStream powers = IntStream.iterate(1, k -> k < studentSteps, k -> 2 * k);
        return IntStream.concat(powers, IntStream.of(studentSteps)).toArray();
    }
}
