package com.pokegen.engine.model.vae;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.MemoryBudget;
import com.pokegen.engine.model.blocks.ConfigJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * diffusers' {@code AutoencoderKL} config (the KL-regularised autoencoder of Rombach et al.,
 * 2022, §3): encoder/decoder widths per level, latent channels and the latent scaling.
 *
 * @param scalingFactor latents are multiplied by this before diffusion (SD: 0.18215)
 * @param shiftFactor subtracted before scaling when not null (SD3/Flux style)
 * @param forceUpcast diffusers runs the VAE in fp32 when true (kept for export)
 * @param sampleSize image size the model was trained at (informational)
 */
public record AutoencoderKLConfig(
        int inChannels,
        int outChannels,
        List<String> downBlockTypes,
        List<String> upBlockTypes,
        List<Integer> blockOutChannels,
        int layersPerBlock,
        int latentChannels,
        int normNumGroups,
        Integer sampleSize,
        double scalingFactor,
        Double shiftFactor,
        boolean forceUpcast,
        boolean useQuantConv,
        boolean usePostQuantConv,
        boolean midBlockAddAttention) {

    public static final String CLASS_NAME = "AutoencoderKL";
    public static final String DOWN = "DownEncoderBlock2D";
    public static final String UP = "UpDecoderBlock2D";

    public AutoencoderKLConfig {
        int n = blockOutChannels.size();
        require(n > 0, "block_out_channels", "must not be empty");
        require(downBlockTypes.size() == n && downBlockTypes.stream().allMatch(DOWN::equals),
                "down_block_types", "must be " + n + " × " + DOWN + ", got " + downBlockTypes);
        require(upBlockTypes.size() == n && upBlockTypes.stream().allMatch(UP::equals),
                "up_block_types", "must be " + n + " × " + UP + ", got " + upBlockTypes);
        require(normNumGroups > 0, "norm_num_groups", "must be > 0");
        for (int c : blockOutChannels) {
            require(c > 0 && c % normNumGroups == 0, "block_out_channels",
                    "entry " + c + " is not divisible by norm_num_groups " + normNumGroups);
        }
        require(layersPerBlock > 0, "layers_per_block", "must be > 0");
        require(inChannels > 0 && outChannels > 0 && latentChannels > 0,
                "in_channels/out_channels/latent_channels", "must be > 0");
        require(scalingFactor > 0, "scaling_factor", "must be > 0");
        MemoryBudget.require("AutoencoderKL config (block_out_channels " + blockOutChannels + ", layers_per_block "
                + layersPerBlock + ")", 4 * parameterEstimate(blockOutChannels, layersPerBlock),
                MemoryBudget.Kind.NATIVE, "lower block_out_channels or layers_per_block");
    }

    /**
     * A lower bound of the parameter count: per level, the encoder's and decoder's resnets
     * (two 3x3 convolutions of c² weights each); a double, since absurd sizes overflow a long.
     */
    public static double parameterEstimate(List<Integer> blockOutChannels, int layersPerBlock) {
        double sum = 0;
        for (int c : blockOutChannels) {
            sum += 18.0 * c * c * (2.0 * layersPerBlock + 1);
        }
        return sum;
    }

    private static void require(boolean ok, String key, String message) {
        if (!ok) {
            throw new IllegalArgumentException("AutoencoderKL config: \"" + key + "\" " + message);
        }
    }

    public static AutoencoderKLConfig fromFile(Path configJson) throws IOException {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(Files.readAllBytes(configJson));
        } catch (IOException e) {
            throw new IOException(configJson + ": cannot read the VAE config: " + e.getMessage(), e);
        }
        return fromJson(node, configJson.toString());
    }

    /** Parses a diffusers AutoencoderKL config with diffusers' defaults for absent keys. */
    public static AutoencoderKLConfig fromJson(JsonNode node, String source) {
        ConfigJson c = new ConfigJson(node, source);
        String cls = c.getString("_class_name", CLASS_NAME);
        if (!cls.equals(CLASS_NAME)) {
            throw c.error("_class_name", "= " + cls + ", expected " + CLASS_NAME);
        }
        c.requireNullOr("act_fn", "silu");
        c.requireNullOr("latents_mean");
        c.requireNullOr("latents_std");
        return new AutoencoderKLConfig(
                c.getInt("in_channels", 3),
                c.getInt("out_channels", 3),
                c.getStringList("down_block_types", List.of(DOWN)),
                c.getStringList("up_block_types", List.of(UP)),
                c.getIntList("block_out_channels", List.of(64)),
                c.getInt("layers_per_block", 1),
                c.getInt("latent_channels", 4),
                c.getInt("norm_num_groups", 32),
                c.getIntOrNull("sample_size") == null ? 32 : c.getIntOrNull("sample_size"),
                c.getDouble("scaling_factor", 0.18215),
                c.getDoubleOrNull("shift_factor"),
                c.getBool("force_upcast", true),
                c.getBool("use_quant_conv", true),
                c.getBool("use_post_quant_conv", true),
                c.getBool("mid_block_add_attention", true));
    }

    /** diffusers' config.json for this model. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("_class_name", CLASS_NAME);
        o.put("_diffusers_version", com.pokegen.engine.model.unet.UNet2DConditionConfig.DIFFUSERS_VERSION);
        o.put("act_fn", "silu");
        o.set("block_out_channels", ConfigJson.intArray(blockOutChannels));
        o.set("down_block_types", ConfigJson.stringArray(downBlockTypes));
        o.put("force_upcast", forceUpcast);
        o.put("in_channels", inChannels);
        o.put("latent_channels", latentChannels);
        o.putNull("latents_mean");
        o.putNull("latents_std");
        o.put("layers_per_block", layersPerBlock);
        o.put("mid_block_add_attention", midBlockAddAttention);
        o.put("norm_num_groups", normNumGroups);
        o.put("out_channels", outChannels);
        if (sampleSize == null) {
            o.putNull("sample_size");
        } else {
            o.put("sample_size", sampleSize);
        }
        o.put("scaling_factor", scalingFactor);
        if (shiftFactor == null) {
            o.putNull("shift_factor");
        } else {
            o.put("shift_factor", shiftFactor);
        }
        o.set("up_block_types", ConfigJson.stringArray(upBlockTypes));
        o.put("use_post_quant_conv", usePostQuantConv);
        o.put("use_quant_conv", useQuantConv);
        return o;
    }
}
