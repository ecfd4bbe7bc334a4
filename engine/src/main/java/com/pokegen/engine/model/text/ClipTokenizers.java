package com.pokegen.engine.model.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the tokenizer of a diffusers/transformers folder ({@code tokenizer/}). */
public final class ClipTokenizers {

    /** Which implementation to use. */
    public enum Backend {
        /** {@code tokenizer.json} through DJL when present, else vocab.json + merges.txt in Java. */
        AUTO,
        /** Only {@code tokenizer.json} through DJL's Hugging Face tokenizers. */
        HUGGINGFACE,
        /** Only {@code vocab.json} + {@code merges.txt}, pure Java. */
        PURE_JAVA
    }

    private ClipTokenizers() {}

    /** AUTO backend, length from {@code tokenizer_config.json}. */
    public static PromptTokenizer open(Path dir) throws IOException {
        return open(dir, Backend.AUTO, 0);
    }

    /**
     * @param maxLength row length; 0 takes {@code model_max_length} from tokenizer_config.json
     */
    public static PromptTokenizer open(Path dir, Backend backend, int maxLength) throws IOException {
        TokenizerSettings settings = TokenizerSettings.read(dir);
        if (maxLength > 0) {
            settings = settings.withMaxLength(maxLength);
        }
        Path json = dir.resolve("tokenizer.json");
        boolean hasJson = Files.isRegularFile(json);
        boolean hasBpe = Files.isRegularFile(dir.resolve("vocab.json")) && Files.isRegularFile(dir.resolve("merges.txt"));
        switch (backend) {
            case HUGGINGFACE:
                requireFile(hasJson, json);
                return HfPromptTokenizer.fromFile(json, settings.maxLength(), settings.padToken());
            case PURE_JAVA:
                requireFile(hasBpe, dir.resolve("vocab.json + merges.txt"));
                return ClipBpeTokenizer.fromFiles(dir.resolve("vocab.json"), dir.resolve("merges.txt"), settings);
            default:
                if (hasJson) {
                    try {
                        return HfPromptTokenizer.fromFile(json, settings.maxLength(), settings.padToken());
                    } catch (RuntimeException | UnsatisfiedLinkError e) {
                        if (!hasBpe) {
                            throw new IOException(json + ": DJL tokenizers could not load it (" + e
                                    + ") and there is no vocab.json + merges.txt to fall back on", e);
                        }
                    }
                }
                if (!hasBpe) {
                    throw new IOException(dir + ": no tokenizer.json and no vocab.json + merges.txt; "
                            + "point to the model's tokenizer/ folder");
                }
                return ClipBpeTokenizer.fromFiles(dir.resolve("vocab.json"), dir.resolve("merges.txt"), settings);
        }
    }

    private static void requireFile(boolean present, Path what) throws IOException {
        if (!present) {
            throw new IOException(what + " not found");
        }
    }
}
