package com.pokegen.engine.batch;

import com.pokegen.engine.io.Checksums;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * One image of a batch: what it shows and how it is sampled. Its file name is a function of
 * these fields alone, so any process (or Spark executor) that renders it writes the same path.
 */
public record BatchItem(String prompt, long seed, int steps) implements Serializable {

    /** Folder of the PNGs inside a batch's output folder. */
    public static final String IMAGES = "images";

    /** {@code images/<prompt hash>-seed<S>-steps<K>.png}; the hash keeps names short and safe. */
    public String file() {
        String promptHash = Checksums.fingerprint(prompt.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        return IMAGES + "/" + promptHash + "-seed" + seed + "-steps" + steps + ".png";
    }
}
