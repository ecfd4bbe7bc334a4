package com.pokegen.engine.model.lora;

import java.nio.file.Path;

/**
 * A LoRA file and the multiplier it is applied with, as written on the command line:
 * {@code FILE} (scale 1) or {@code FILE:SCALE}.
 */
public record LoraSpec(Path file, float scale) {

    public LoraSpec {
        if (!Float.isFinite(scale)) {
            throw new IllegalArgumentException("LoRA scale must be a finite number, got " + scale);
        }
    }

    /**
     * Parses {@code FILE[:SCALE]}. A suffix after the last ':' that holds no path separator is the
     * scale and must be a number; otherwise the whole text is the file (e.g. {@code C:\x.safetensors}).
     */
    public static LoraSpec parse(String text) {
        int colon = text.lastIndexOf(':');
        String tail = colon < 0 ? null : text.substring(colon + 1);
        if (tail == null || tail.contains("/") || tail.contains("\\") || tail.endsWith(".safetensors")) {
            return new LoraSpec(Path.of(text), 1f);
        }
        try {
            return new LoraSpec(Path.of(text.substring(0, colon)), Float.parseFloat(tail.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--lora " + text + ": the scale '" + tail
                    + "' is not a number (write FILE or FILE:SCALE, e.g. style.safetensors:0.8)");
        }
    }
}
