package com.pokegen.engine.model.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.io.KeyCheck;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.StateDict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the keys of a LoRA file to the layers of a model. PEFT/diffusers:
 * {@code unet.<path>.lora_A.weight}, {@code .lora_B.weight} (and diffusers' optional
 * {@code .alpha}); kohya: {@code lora_unet_<path with dots as _>.lora_down.weight},
 * {@code .lora_up.weight}, {@code .alpha}. kohya names are resolved against the model's own layer
 * paths, so underscores inside names ({@code to_q}, {@code transformer_blocks}) are unambiguous.
 */
final class LoraKeys {

    static final String PEFT_PREFIX = "unet.";
    static final String KOHYA_PREFIX = "lora_unet_";
    /** What PEFT's own {@code save_pretrained} puts before the layer path. */
    static final String PEFT_MODEL_PREFIX = "base_model.model.";

    private LoraKeys() {}

    /** One layer's tensors: A (down), B (up) and α when the file stores it. */
    record Part(NDArray down, NDArray up, Float alpha) {}

    /** Complete layers by base path, and keys that match no layer (or an incomplete one). */
    record Parsed(Map<String, Part> parts, List<String> unknown) {}

    static String kohyaName(String path) {
        return KOHYA_PREFIX + path.replace('.', '_');
    }

    /**
     * @throws IllegalArgumentException when a layer's shapes do not fit the model (another base)
     */
    static Parsed parse(Map<String, NDArray> tensors, Module model, Path file, String base) {
        Map<String, Module> layers = new LinkedHashMap<>();
        Map<String, String> byKohyaName = new LinkedHashMap<>();
        StateDict.modules(model).forEach((path, m) -> {
            if (m instanceof Linear || m instanceof Conv2d) {
                layers.put(path, m);
                byKohyaName.put(kohyaName(path), path);
            }
        });
        Map<String, Map<String, NDArray>> grouped = new LinkedHashMap<>();
        Map<String, List<String>> keysOf = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        tensors.forEach((key, value) -> {
            String[] pathAndRole = split(key, byKohyaName);
            if (pathAndRole == null || !layers.containsKey(pathAndRole[0])) {
                unknown.add(key);
            } else {
                grouped.computeIfAbsent(pathAndRole[0], p -> new LinkedHashMap<>()).put(pathAndRole[1], value);
                keysOf.computeIfAbsent(pathAndRole[0], p -> new ArrayList<>()).add(key);
            }
        });
        Map<String, Part> parts = new LinkedHashMap<>();
        List<String> misfits = new ArrayList<>();
        grouped.forEach((path, g) -> {
            if (g.get("down") == null || g.get("up") == null) {
                unknown.addAll(keysOf.get(path)); // A without B or B without A
                return;
            }
            String misfit = misfit(path, layers.get(path), g.get("down"), g.get("up"));
            if (misfit != null) {
                misfits.add(misfit);
                return;
            }
            NDArray alpha = g.get("alpha");
            parts.put(path, new Part(g.get("down"), g.get("up"), alpha == null ? null : alpha.toType(
                    ai.djl.ndarray.types.DataType.FLOAT32, false).getFloat()));
        });
        if (!misfits.isEmpty()) {
            throw new IllegalArgumentException("LoRA file " + file + " does not fit the base model " + base + ": "
                    + misfits.size() + " layer(s) have other shapes, e.g. " + head(misfits)
                    + " (a LoRA trained for another base model?)");
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("LoRA file " + file + " holds no LoRA layer of " + base
                    + "'s UNet (keys such as " + head(unknown) + ")");
        }
        return new Parsed(parts, unknown);
    }

    /** [path, role] with role down/up/alpha, or null when the key is no LoRA key we know. */
    private static String[] split(String key, Map<String, String> byKohyaName) {
        if (key.startsWith(KOHYA_PREFIX)) {
            int dot = key.indexOf('.');
            String path = dot < 0 ? null : byKohyaName.get(key.substring(0, dot));
            String role = dot < 0 ? null : role(key.substring(dot + 1), "lora_down.weight", "lora_up.weight");
            return path == null || role == null ? null : new String[] {path, role};
        }
        String k = key.startsWith(PEFT_PREFIX) ? key.substring(PEFT_PREFIX.length())
                : key.startsWith(PEFT_MODEL_PREFIX) ? key.substring(PEFT_MODEL_PREFIX.length()) : key;
        for (String suffix : new String[] {".lora_A.weight", ".lora_B.weight", ".alpha"}) {
            if (k.endsWith(suffix)) {
                String path = k.substring(0, k.length() - suffix.length());
                return new String[] {path, role(suffix.substring(1), "lora_A.weight", "lora_B.weight")};
            }
        }
        return null;
    }

    private static String role(String suffix, String down, String up) {
        return suffix.equals(down) ? "down" : suffix.equals(up) ? "up" : suffix.equals("alpha") ? "alpha" : null;
    }

    /** Null when A and B fit the base layer; otherwise a description of the difference. */
    private static String misfit(String path, Module layer, NDArray down, NDArray up) {
        long[] w = LoraLayer.baseWeightShape(layer);
        long r = down.getShape().get(0);
        Shape wantDown = w.length == 4 ? new Shape(r, w[1], w[2], w[3]) : new Shape(r, w[1]);
        Shape wantUp = w.length == 4 ? new Shape(w[0], r, 1, 1) : new Shape(w[0], r);
        if (down.getShape().equals(wantDown) && up.getShape().equals(wantUp)) {
            return null;
        }
        return path + " is " + new Shape(w) + " but the LoRA has A " + down.getShape() + ", B " + up.getShape();
    }

    static String head(List<String> items) {
        return items.size() <= KeyCheck.LISTED ? items.toString()
                : items.subList(0, KeyCheck.LISTED) + " ... and " + (items.size() - KeyCheck.LISTED) + " more";
    }
}
