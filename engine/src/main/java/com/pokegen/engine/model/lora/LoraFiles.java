package com.pokegen.engine.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.io.SafetensorsFile;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.nn.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LoRA files as users trade them. Writes diffusers/PEFT {@code pytorch_lora_weights.safetensors}
 * ({@code unet.<layer>.lora_A.weight}, {@code lora_B}; α in the {@code lora_adapter_metadata}
 * header entry as diffusers writes it) and the kohya/A1111 layout ({@code lora_unet_<layer with
 * _>.lora_down.weight}, {@code lora_up}, {@code .alpha}); reads both (see {@link LoraKeys}).
 */
public final class LoraFiles {

    /** diffusers' file name for a UNet LoRA. */
    public static final String PEFT_FILE = "pytorch_lora_weights.safetensors";
    static final String PEFT_METADATA = "lora_adapter_metadata";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoraFiles() {}

    /** A loaded LoRA and the keys skipped in lenient mode (empty when strict). */
    public record Loaded(LoraNetwork network, List<String> skipped) {}

    /** Writes {@code lora} in the diffusers/PEFT layout; {@code base} names the base model. */
    public static void save(LoraNetwork lora, Path file, String base) throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        StateDict.arrays(lora).forEach((k, v) -> tensors.put(LoraKeys.PEFT_PREFIX + k, v));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put(PEFT_METADATA, JSON.writeValueAsString(adapterMetadata(lora)));
        meta.put("pokegen.base", base);
        Safetensors.write(file, tensors, meta);
    }

    /** PEFT's LoraConfig fields: r, lora_alpha and per-layer patterns where a layer differs. */
    private static ObjectNode adapterMetadata(LoraNetwork lora) {
        LoraLayer first = lora.layers().values().iterator().next();
        ObjectNode o = JSON.createObjectNode().put("r", first.rank()).put("lora_alpha", first.alpha());
        ObjectNode ranks = o.putObject("rank_pattern");
        ObjectNode alphas = o.putObject("alpha_pattern");
        lora.layers().forEach((path, l) -> {
            if (l.rank() != first.rank()) {
                ranks.put(path, l.rank());
            }
            if (l.alpha() != first.alpha()) {
                alphas.put(path, l.alpha());
            }
        });
        o.putArray("target_modules").addAll(lora.layers().keySet().stream()
                .map(JSON.getNodeFactory()::textNode).toList());
        return o;
    }

    /** Writes {@code lora} in kohya's layout, α as a 0-d tensor per layer. */
    public static void saveKohya(LoraNetwork lora, Path file) throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            lora.layers().forEach((path, l) -> {
                String name = LoraKeys.kohyaName(path);
                tensors.put(name + ".lora_down.weight", l.downWeight());
                tensors.put(name + ".lora_up.weight", l.upWeight());
                tensors.put(name + ".alpha", Tensors.scalar(m, l.alpha()));
            });
            LoraLayer first = lora.layers().values().iterator().next();
            Safetensors.write(file, tensors, Map.of("ss_network_module", "networks.lora",
                    "ss_network_dim", Integer.toString(first.rank()),
                    "ss_network_alpha", Float.toString(first.alpha())));
        }
    }

    /**
     * Reads a PEFT or kohya LoRA for {@code model} (the UNet) into {@code manager}, checking
     * every key and shape first.
     *
     * @param base names the base model in messages
     * @param lenient skip keys that match no layer (listed in the result) instead of failing
     * @throws IllegalArgumentException for unknown keys (strict) or a LoRA of another base model
     */
    public static Loaded load(Path file, Module model, String base, NDManager manager, boolean lenient)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("LoRA file " + file + " not found");
        }
        Map<String, String> meta;
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            meta = f.metadata();
        }
        try (NDManager tmp = manager.newSubManager()) {
            Map<String, NDArray> tensors = Safetensors.read(file, tmp);
            LoraKeys.Parsed parsed = LoraKeys.parse(tensors, model, file, base);
            if (!parsed.unknown().isEmpty() && !lenient) {
                throw new IllegalArgumentException("LoRA file " + file + ": " + parsed.unknown().size()
                        + " key(s) match no layer of " + base + ": " + LoraKeys.head(parsed.unknown())
                        + "; pass --lenient to skip them");
            }
            LoraNetwork net = LoraNetwork.of(layers(parsed, model, alphas(meta)));
            net.initialize(manager);
            parsed.parts().forEach((path, p) -> fill(net.layers().get(path), p));
            return new Loaded(net, lenient ? parsed.unknown() : List.of());
        }
    }

    private static Map<String, LoraLayer> layers(LoraKeys.Parsed parsed, Module model, Alphas alphas) {
        Map<String, Module> modules = StateDict.modules(model);
        Map<String, LoraLayer> out = new LinkedHashMap<>();
        parsed.parts().forEach((path, p) -> {
            int rank = (int) p.down().getShape().get(0);
            float alpha = p.alpha() != null ? p.alpha() : alphas.of(path, rank);
            out.put(path, new LoraLayer(modules.get(path), rank, alpha, 0f));
        });
        return out;
    }

    private static void fill(LoraLayer layer, LoraKeys.Part p) {
        copy(layer.downWeight(), p.down());
        copy(layer.upWeight(), p.up());
    }

    private static void copy(NDArray dst, NDArray src) {
        NDArray s = src.getDataType() == dst.getDataType() ? src : src.toType(dst.getDataType(), false);
        Tensors.copyInto(dst, s.reshape(dst.getShape()));
    }

    /** α per layer from PEFT metadata (alpha_pattern, then lora_alpha), else the rank (multiplier 1). */
    private record Alphas(JsonNode config) {
        float of(String path, int rank) {
            JsonNode a = config.path("alpha_pattern").path(path);
            JsonNode d = config.path("lora_alpha");
            return a.isNumber() ? a.floatValue() : d.isNumber() ? d.floatValue() : rank;
        }
    }

    private static Alphas alphas(Map<String, String> meta) throws IOException {
        String json = meta.get(PEFT_METADATA);
        return new Alphas(json == null ? JSON.createObjectNode() : JSON.readTree(json));
    }
}
