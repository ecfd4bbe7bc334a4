package com.pokegen.engine.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.MemoryBudget;
import com.pokegen.engine.model.vae.AutoencoderKLConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** VAE training settings (preset files: keys as below; defaults in presets/vae-defaults.json). */
public record VaeConfig(
        /** Image side in pixels. Default 64. */
        @JsonProperty("resolution") int resolution,
        /** Channels per level; levels − 1 = log2 of the downsampling factor. Default [32, 64, 128] (f = 4). */
        @JsonProperty("block_out_channels") List<Integer> blockOutChannels,
        /** Resnets per level. Default 1. */
        @JsonProperty("layers_per_block") int layersPerBlock,
        /** Latent channels. Default 4. */
        @JsonProperty("latent_channels") int latentChannels,
        /** GroupNorm groups. Default 16. */
        @JsonProperty("norm_num_groups") int normNumGroups,
        /** Optimiser updates. Default 1500. */
        @JsonProperty("steps") int steps,
        /** Images per update. Default 16. */
        @JsonProperty("batch_size") int batchSize,
        /** Learning rate. Default 4.5e-4. */
        @JsonProperty("learning_rate") float learningRate,
        /** Linear warm-up updates. Default 50. */
        @JsonProperty("warmup_steps") int warmupSteps,
        /** Weight of the L1 reconstruction term. Default 1. */
        @JsonProperty("l1_weight") float l1Weight,
        /** Weight of the L2 reconstruction term. Default 1. */
        @JsonProperty("l2_weight") float l2Weight,
        /** Weight of KL(q‖N(0,I)) per latent element. Default 1e-6. */
        @JsonProperty("kl_weight") float klWeight,
        /** Random horizontal flips. Default true. */
        @JsonProperty("random_flip") boolean randomFlip,
        /** Global gradient-norm clip. Default 1.0. */
        @JsonProperty("grad_clip") float gradClip,
        /** Root seed. Default 0. */
        @JsonProperty("seed") long seed,
        /** Log every N updates. Default 10. */
        @JsonProperty("log_every") int logEvery,
        /** Reconstruction grid every N updates (0 = never). Default 250. */
        @JsonProperty("sample_every") int sampleEvery,
        /** Checkpoint every N updates. Default 250. */
        @JsonProperty("checkpoint_every") int checkpointEvery) implements StageConfig {

    public VaeConfig {
        require(resolution >= 8, "resolution", "at least 8 pixels");
        require(steps >= 1, "steps", ">= 1");
        require(batchSize >= 1, "batch_size", ">= 1");
        require(learningRate > 0, "learning_rate", "> 0");
        require(layersPerBlock >= 1, "layers_per_block", ">= 1");
        require(latentChannels >= 1, "latent_channels", ">= 1");
        require(logEvery >= 1, "log_every", ">= 1");
        require(blockOutChannels != null && !blockOutChannels.isEmpty(), "block_out_channels", "a non-empty list");
        int factor = 1 << (blockOutChannels.size() - 1);
        require(resolution % factor == 0, "resolution",
                "a multiple of the downsampling factor " + factor + " (got " + resolution + ")");
        // weights, gradients and AdamW's two moments, plus four activation maps of the first width per image
        double params = AutoencoderKLConfig.parameterEstimate(blockOutChannels, layersPerBlock);
        double activations = 4.0 * batchSize * resolution * (double) resolution * blockOutChannels.get(0);
        MemoryBudget.require("vae config: training (resolution " + resolution + ", batch_size " + batchSize
                + ", block_out_channels " + blockOutChannels + ", layers_per_block " + layersPerBlock + ")",
                4 * (4 * params + activations), MemoryBudget.Kind.NATIVE,
                "lower resolution, batch_size, block_out_channels or layers_per_block");
    }

    private static void require(boolean ok, String field, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("vae config: '" + field + "' must be " + rule);
        }
    }

    public static VaeConfig load(Path preset) throws IOException {
        return Presets.load("vae", preset, VaeConfig.class);
    }

    public static VaeConfig of(ObjectNode overrides) throws IOException {
        return Presets.of("vae", overrides, VaeConfig.class);
    }

    public ObjectNode toJson() {
        return Presets.toJson(this);
    }
}
