package com.pokegen.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.text.ClipTextEncoder;
import com.pokegen.engine.model.text.ClipTokenizers;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import com.pokegen.engine.model.text.TextEncoder;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.model.vae.AutoencoderKLConfig;
import com.pokegen.engine.schedule.DDIMScheduler;
import com.pokegen.engine.schedule.NoiseSchedule;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tiny random text-to-image pipelines for tests, written to a folder with
 * {@link DiffusionPipeline#save}: a 2-level UNet (channels 32/64, 8×8 latents), a 2-level VAE
 * (channels 16/32, factor 2, so 16×16 images), the scheduler config of Stable Diffusion (DDIM,
 * scaled_linear) and either the 2-layer CLIP text encoder of {@code fixtures/pipeline_tiny} or
 * the bundled MiniLM. Weights are N(0, 0.2²) (UNet 0.1²) from a {@link SplittableRandom}, so a
 * seed always yields the same folder. Reused by the training tests.
 */
public final class TinyPipelines {

    /** Pixels per side of the images the tiny pipelines make by default. */
    public static final int IMAGE_SIZE = 16;

    private TinyPipelines() {}

    /** A random pipeline with the fixture's CLIP text encoder, saved to {@code dir}. */
    public static Path writeRandomClip(Path dir, long seed) throws IOException {
        return writeRandomClip(dir, seed, PokegenMetadata.NONE);
    }

    /** As {@link #writeRandomClip(Path, long)} with the given {@code pokegen.json} contents. */
    public static Path writeRandomClip(Path dir, long seed, PokegenMetadata metadata) throws IOException {
        Path fixture = PipelineFixtures.pipelineFolder();
        try (TextEncoder text = ClipTextEncoder.open(fixture.resolve(DiffusionPipeline.TEXT_ENCODER),
                fixture.resolve(DiffusionPipeline.TOKENIZER), ClipTokenizers.Backend.AUTO, 0)) {
            write(dir, seed, metadata, text, fixture.resolve(DiffusionPipeline.TOKENIZER));
        }
        return dir;
    }

    /** A random pipeline whose text encoder is the bundled MiniLM (384-d states). */
    public static Path writeRandomMiniLm(Path dir, long seed, PokegenMetadata metadata) throws IOException {
        try (TextEncoder text = MiniLmTextEncoder.open()) {
            write(dir, seed, metadata, text, null);
        }
        return dir;
    }

    private static void write(Path dir, long seed, PokegenMetadata metadata, TextEncoder text, Path tokenizerDir)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            SplittableRandom rng = new SplittableRandom(seed);
            UNet2DConditionModel unet = new UNet2DConditionModel(unetConfig(text.hiddenSize()));
            unet.initialize(manager);
            randomize(unet, rng.split(), 0.1f);
            AutoencoderKL vae = new AutoencoderKL(vaeConfig());
            vae.initialize(manager);
            randomize(vae, rng.split(), 0.2f);
            DiffusionPipeline.builder()
                    .setTextEncoder(text, tokenizerDir)
                    .setUnet(unet)
                    .setCodec(vae)
                    .setSchedulerConfig(new DDIMScheduler(NoiseSchedule.stableDiffusion()).toConfig())
                    .optMetadata(metadata)
                    .build()
                    .save(dir, false);
        }
    }

    /** Channels 32/64, one layer per block, cross-attention in the first block and the middle. */
    public static UNet2DConditionConfig unetConfig(int crossAttentionDim) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("sample_size", IMAGE_SIZE / 2);
        c.set("block_out_channels", ints(32, 64));
        c.set("down_block_types", strings(UNet2DConditionConfig.CROSS_DOWN, UNet2DConditionConfig.DOWN));
        c.set("up_block_types", strings(UNet2DConditionConfig.UP, UNet2DConditionConfig.CROSS_UP));
        c.put("layers_per_block", 1);
        c.put("cross_attention_dim", crossAttentionDim);
        c.put("attention_head_dim", 8);
        c.put("norm_num_groups", 8);
        return UNet2DConditionConfig.fromJson(c, "TinyPipelines.unetConfig");
    }

    /** Channels 16/32 (downsampling factor 2), 4 latent channels, SD's scaling factor. */
    public static AutoencoderKLConfig vaeConfig() {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.set("block_out_channels", ints(16, 32));
        c.set("down_block_types", strings(AutoencoderKLConfig.DOWN, AutoencoderKLConfig.DOWN));
        c.set("up_block_types", strings(AutoencoderKLConfig.UP, AutoencoderKLConfig.UP));
        c.put("latent_channels", 4);
        c.put("norm_num_groups", 8);
        c.put("sample_size", IMAGE_SIZE);
        return AutoencoderKLConfig.fromJson(c, "TinyPipelines.vaeConfig");
    }

    /** Overwrites every parameter with N(0, std²) drawn in checkpoint-key order. */
    public static void randomize(Module module, SplittableRandom rng, float std) {
        for (Parameter p : StateDict.parameters(module).values()) {
            NDArray a = p.getArray();
            float[] values = new float[Math.toIntExact(a.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) rng.nextGaussian() * std;
            }
            a.set(FloatBuffer.wrap(values));
        }
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode ints(int... values) {
        var a = JsonNodeFactory.instance.arrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode strings(String... values) {
        var a = JsonNodeFactory.instance.arrayNode();
        List.of(values).forEach(a::add);
        return a;
    }
}
