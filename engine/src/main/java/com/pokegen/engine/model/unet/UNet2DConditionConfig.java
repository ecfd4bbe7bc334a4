package com.pokegen.engine.model.unet;

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
 * The subset of diffusers' {@code UNet2DConditionModel} config that Stable Diffusion 1.x/2.x
 * style UNets use, with per-block values already expanded to lists (one entry per down block).
 *
 * <p>diffusers quirk kept here: when {@code num_attention_heads} is null, {@code
 * attention_head_dim} is really the number of heads (SD 1.5: 8 heads per block; SD 2: [5, 10,
 * 20, 20] heads); the head width is then channels / heads. See {@link #heads(int)}.
 *
 * @param sampleSize latent size the model was trained at (informational; may be null)
 * @param midBlockType "UNetMidBlock2DCrossAttn" or null (no mid block)
 * @param numAttentionHeads per-block heads, or null to read them from attentionHeadDim
 * @param reverseTransformerLayersPerBlock per up block, or null for the reversed down values
 * @param timeEmbeddingDim width of the time embedding, or null for 4 × block_out_channels[0]
 * @param dropout stored for export; the engine's blocks treat dropout as identity
 */
public record UNet2DConditionConfig(
        Integer sampleSize,
        int inChannels,
        int outChannels,
        boolean centerInputSample,
        boolean flipSinToCos,
        int freqShift,
        List<String> downBlockTypes,
        String midBlockType,
        List<String> upBlockTypes,
        List<Integer> blockOutChannels,
        List<Integer> layersPerBlock,
        int downsamplePadding,
        double midBlockScaleFactor,
        double dropout,
        int normNumGroups,
        double normEps,
        List<Integer> crossAttentionDim,
        List<Integer> transformerLayersPerBlock,
        List<Integer> reverseTransformerLayersPerBlock,
        List<Integer> attentionHeadDim,
        List<Integer> numAttentionHeads,
        boolean useLinearProjection,
        boolean upcastAttention,
        double resnetOutScaleFactor,
        Integer timeEmbeddingDim,
        int convInKernel,
        int convOutKernel) {

    public static final String CLASS_NAME = "UNet2DConditionModel";
    /** The diffusers version written into exported configs (any later version reads them). */
    public static final String DIFFUSERS_VERSION = "0.30.0";
    public static final String CROSS_DOWN = "CrossAttnDownBlock2D";
    public static final String DOWN = "DownBlock2D";
    public static final String CROSS_UP = "CrossAttnUpBlock2D";
    public static final String UP = "UpBlock2D";
    public static final String MID = "UNetMidBlock2DCrossAttn";

    public UNet2DConditionConfig {
        int n = blockOutChannels.size();
        require(n > 0, "block_out_channels", "must not be empty");
        require(downBlockTypes.size() == n, "down_block_types",
                "needs one entry per block_out_channels entry (" + n + ")");
        require(upBlockTypes.size() == n, "up_block_types",
                "needs one entry per block_out_channels entry (" + n + ")");
        for (String t : downBlockTypes) {
            require(t.equals(CROSS_DOWN) || t.equals(DOWN), "down_block_types",
                    "contains unsupported block type " + t + " (supported: " + CROSS_DOWN + ", " + DOWN + ")");
        }
        for (String t : upBlockTypes) {
            require(t.equals(CROSS_UP) || t.equals(UP), "up_block_types",
                    "contains unsupported block type " + t + " (supported: " + UP + ", " + CROSS_UP + ")");
        }
        require(midBlockType == null || midBlockType.equals(MID), "mid_block_type",
                "= " + midBlockType + " is not supported (supported: " + MID + " or null)");
        requireSize(layersPerBlock, n, "layers_per_block");
        requireSize(crossAttentionDim, n, "cross_attention_dim");
        requireSize(transformerLayersPerBlock, n, "transformer_layers_per_block");
        requireSize(attentionHeadDim, n, "attention_head_dim");
        require(numAttentionHeads == null || numAttentionHeads.size() == n, "num_attention_heads",
                "needs " + n + " entries");
        require(reverseTransformerLayersPerBlock == null || reverseTransformerLayersPerBlock.size() == n,
                "reverse_transformer_layers_per_block", "needs " + n + " entries");
        require(inChannels > 0 && outChannels > 0, "in_channels/out_channels", "must be > 0");
        require(normNumGroups > 0, "norm_num_groups", "must be > 0 (null norm is not supported)");
        for (int c : blockOutChannels) {
            require(c > 0 && c % normNumGroups == 0, "block_out_channels",
                    "entry " + c + " is not divisible by norm_num_groups " + normNumGroups);
        }
        for (int i = 0; i < n; i++) {
            int heads = numAttentionHeads != null ? numAttentionHeads.get(i) : attentionHeadDim.get(i);
            require(heads > 0 && heads <= blockOutChannels.get(i), "attention_head_dim",
                    "gives " + heads + " heads for a block of " + blockOutChannels.get(i) + " channels");
            require(layersPerBlock.get(i) > 0, "layers_per_block", "entries must be > 0");
            require(transformerLayersPerBlock.get(i) > 0, "transformer_layers_per_block", "entries must be > 0");
            require(crossAttentionDim.get(i) > 0, "cross_attention_dim", "entries must be > 0");
        }
        require(convInKernel % 2 == 1 && convOutKernel % 2 == 1, "conv_in_kernel/conv_out_kernel",
                "must be odd");
        require(midBlockScaleFactor > 0 && resnetOutScaleFactor > 0, "mid_block_scale_factor",
                "and resnet_out_scale_factor must be > 0");
        require(timeEmbeddingDim == null || timeEmbeddingDim > 0, "time_embedding_dim", "must be > 0");
        require(downsamplePadding >= 0, "downsample_padding", "must be >= 0");
        double side = sampleSize == null ? 0 : sampleSize;
        // weights, plus one image's activations at the default size (ten maps of the first width)
        MemoryBudget.require("UNet config (block_out_channels " + blockOutChannels + ", layers_per_block "
                + layersPerBlock + ", sample_size " + sampleSize + ")",
                4 * (parameterEstimate(blockOutChannels, layersPerBlock) + 10 * side * side * blockOutChannels.get(0)),
                MemoryBudget.Kind.NATIVE, "lower block_out_channels, layers_per_block or sample_size");
    }

    /** A lower bound of the parameter count: per level, the down and up resnets' 3x3 convolutions. */
    static double parameterEstimate(List<Integer> blockOutChannels, List<Integer> layersPerBlock) {
        double sum = 0;
        for (int i = 0; i < blockOutChannels.size(); i++) {
            double c = blockOutChannels.get(i);
            sum += 18 * c * c * (3.0 * layersPerBlock.get(i) + 1);
        }
        return sum;
    }

    private static void requireSize(List<Integer> values, int n, String key) {
        require(values != null && values.size() == n, key, "needs " + n + " entries");
    }

    private static void require(boolean ok, String key, String message) {
        if (!ok) {
            throw new IllegalArgumentException("UNet config: \"" + key + "\" " + message);
        }
    }

    /** Number of attention heads in down block {@code i} (diffusers' quirk, see class doc). */
    public int heads(int i) {
        return numAttentionHeads != null ? numAttentionHeads.get(i) : attentionHeadDim.get(i);
    }

    public int blockCount() {
        return blockOutChannels.size();
    }

    /** Width of the timestep embedding fed to every ResnetBlock2D. */
    public int timeEmbedDim() {
        return timeEmbeddingDim != null ? timeEmbeddingDim : blockOutChannels.get(0) * 4;
    }

    /** Transformer layers of up block {@code i} (counted from the lowest resolution). */
    public int upTransformerLayers(int i) {
        return reverseTransformerLayersPerBlock != null ? reverseTransformerLayersPerBlock.get(i)
                : transformerLayersPerBlock.get(blockCount() - 1 - i);
    }

    /** Reads {@code config.json} from a diffusers component folder or file. */
    public static UNet2DConditionConfig fromFile(Path configJson) throws IOException {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(Files.readAllBytes(configJson));
        } catch (IOException e) {
            throw new IOException(configJson + ": cannot read the UNet config: " + e.getMessage(), e);
        }
        return fromJson(node, configJson.toString());
    }

    /**
     * Parses a diffusers UNet2DConditionModel config, applying diffusers' defaults for absent
     * keys and rejecting features this engine does not implement (naming the key).
     */
    public static UNet2DConditionConfig fromJson(JsonNode node, String source) {
        ConfigJson c = new ConfigJson(node, source);
        String cls = c.getString("_class_name", CLASS_NAME);
        if (!cls.equals(CLASS_NAME)) {
            throw c.error("_class_name", "= " + cls + ", expected " + CLASS_NAME);
        }
        for (String key : List.of("addition_embed_type", "class_embed_type", "num_class_embeds",
                "encoder_hid_dim", "encoder_hid_dim_type", "time_cond_proj_dim", "timestep_post_act",
                "time_embedding_act_fn", "cross_attention_norm", "addition_time_embed_dim")) {
            c.requireNullOr(key);
        }
        c.requireNullOr("act_fn", "silu");
        c.requireNullOr("time_embedding_type", "positional");
        c.requireNullOr("resnet_time_scale_shift", "default");
        c.requireNullOr("attention_type", "default");
        c.requireNullOr("dual_cross_attention", false);
        c.requireNullOr("resnet_skip_time_act", false);
        c.requireNullOr("class_embeddings_concat", false);
        c.requireNullOr("mid_block_only_cross_attention", false);
        JsonNode only = node.get("only_cross_attention");
        if (only != null && !only.isNull()) {
            boolean anyTrue = only.isArray() ? contains(only, true) : only.asBoolean(true);
            if (anyTrue || !(only.isBoolean() || only.isArray())) {
                throw c.error("only_cross_attention", "= " + only + " is not supported (only false)");
            }
        }
        JsonNode tl = node.get("transformer_layers_per_block");
        if (tl != null && tl.isArray() && tl.size() > 0 && tl.get(0).isArray()) {
            throw c.error("transformer_layers_per_block",
                    "as nested per-layer lists (SDXL style) is not supported; give an int or one per block");
        }
        List<String> down = c.getStringList("down_block_types",
                List.of(CROSS_DOWN, CROSS_DOWN, CROSS_DOWN, DOWN));
        List<String> up = c.getStringList("up_block_types", List.of(UP, CROSS_UP, CROSS_UP, CROSS_UP));
        List<Integer> channels = c.getIntList("block_out_channels", List.of(320, 640, 1280, 1280));
        int n = down.size();
        if (channels.size() != n) {
            throw c.error("block_out_channels", "has " + channels.size() + " entries but down_block_types has " + n);
        }
        String mid = node.has("mid_block_type") && node.get("mid_block_type").isNull()
                ? null : c.getString("mid_block_type", MID);
        return new UNet2DConditionConfig(
                c.getIntOrNull("sample_size"),
                c.getInt("in_channels", 4),
                c.getInt("out_channels", 4),
                c.getBool("center_input_sample", false),
                c.getBool("flip_sin_to_cos", true),
                c.getInt("freq_shift", 0),
                down, mid, up, channels,
                c.getIntOrList("layers_per_block", 2, n),
                c.getInt("downsample_padding", 1),
                c.getDouble("mid_block_scale_factor", 1.0),
                c.getDouble("dropout", 0.0),
                c.getInt("norm_num_groups", 32),
                c.getDouble("norm_eps", 1e-5),
                c.getIntOrList("cross_attention_dim", 1280, n),
                c.getIntOrList("transformer_layers_per_block", 1, n),
                c.getIntOrList("reverse_transformer_layers_per_block", null, n),
                c.getIntOrList("attention_head_dim", 8, n),
                c.getIntOrList("num_attention_heads", null, n),
                c.getBool("use_linear_projection", false),
                c.getBool("upcast_attention", false),
                c.getDouble("resnet_out_scale_factor", 1.0),
                c.getIntOrNull("time_embedding_dim"),
                c.getInt("conv_in_kernel", 3),
                c.getInt("conv_out_kernel", 3));
    }

    private static boolean contains(JsonNode array, boolean value) {
        for (JsonNode e : array) {
            if (e.asBoolean() == value) {
                return true;
            }
        }
        return false;
    }

    /** diffusers' config.json for this model (all keys, unsupported features at their off values). */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("_class_name", CLASS_NAME);
        o.put("_diffusers_version", DIFFUSERS_VERSION);
        o.put("act_fn", "silu");
        o.putNull("addition_embed_type");
        o.put("addition_embed_type_num_heads", 64);
        o.putNull("addition_time_embed_dim");
        ConfigJson.putIntOrList(o, "attention_head_dim", attentionHeadDim);
        o.put("attention_type", "default");
        o.set("block_out_channels", ConfigJson.intArray(blockOutChannels));
        o.put("center_input_sample", centerInputSample);
        o.putNull("class_embed_type");
        o.put("class_embeddings_concat", false);
        o.put("conv_in_kernel", convInKernel);
        o.put("conv_out_kernel", convOutKernel);
        ConfigJson.putIntOrList(o, "cross_attention_dim", crossAttentionDim);
        o.putNull("cross_attention_norm");
        o.set("down_block_types", ConfigJson.stringArray(downBlockTypes));
        o.put("downsample_padding", downsamplePadding);
        o.put("dropout", dropout);
        o.put("dual_cross_attention", false);
        o.putNull("encoder_hid_dim");
        o.putNull("encoder_hid_dim_type");
        o.put("flip_sin_to_cos", flipSinToCos);
        o.put("freq_shift", freqShift);
        o.put("in_channels", inChannels);
        ConfigJson.putIntOrList(o, "layers_per_block", layersPerBlock);
        o.putNull("mid_block_only_cross_attention");
        putNumber(o, "mid_block_scale_factor", midBlockScaleFactor);
        if (midBlockType == null) {
            o.putNull("mid_block_type");
        } else {
            o.put("mid_block_type", midBlockType);
        }
        o.put("norm_eps", normEps);
        o.put("norm_num_groups", normNumGroups);
        if (numAttentionHeads == null) {
            o.putNull("num_attention_heads");
        } else {
            ConfigJson.putIntOrList(o, "num_attention_heads", numAttentionHeads);
        }
        o.putNull("num_class_embeds");
        o.put("only_cross_attention", false);
        o.put("out_channels", outChannels);
        o.putNull("projection_class_embeddings_input_dim");
        o.put("resnet_out_scale_factor", resnetOutScaleFactor);
        o.put("resnet_skip_time_act", false);
        o.put("resnet_time_scale_shift", "default");
        if (reverseTransformerLayersPerBlock == null) {
            o.putNull("reverse_transformer_layers_per_block");
        } else {
            o.set("reverse_transformer_layers_per_block", ConfigJson.intArray(reverseTransformerLayersPerBlock));
        }
        if (sampleSize == null) {
            o.putNull("sample_size");
        } else {
            o.put("sample_size", sampleSize);
        }
        o.putNull("time_cond_proj_dim");
        o.putNull("time_embedding_act_fn");
        if (timeEmbeddingDim == null) {
            o.putNull("time_embedding_dim");
        } else {
            o.put("time_embedding_dim", timeEmbeddingDim);
        }
        o.put("time_embedding_type", "positional");
        o.putNull("timestep_post_act");
        ConfigJson.putIntOrList(o, "transformer_layers_per_block", transformerLayersPerBlock);
        o.set("up_block_types", ConfigJson.stringArray(upBlockTypes));
        o.put("upcast_attention", upcastAttention);
        o.put("use_linear_projection", useLinearProjection);
        return o;
    }

    /** Writes integral doubles as integers (diffusers writes mid_block_scale_factor as 1). */
    private static void putNumber(ObjectNode o, String key, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            o.put(key, (long) v);
        } else {
            o.put(key, v);
        }
    }

}
