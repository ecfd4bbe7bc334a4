package com.pokegen.engine.data.cache;

import com.pokegen.engine.data.ItemView;
import com.pokegen.engine.model.nn.FloatTensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Map;

/**
 * The frozen encoders whose outputs training reads from the cache: typically the VAE (picture
 * → latents) and the text encoder (caption → token states).
 */
public interface FeatureEncoder {

    /** Identifies the encoders' weights (a hash of the files, or name + revision); part of the cache key. */
    String modelId();

    /**
     * Features of one item, e.g. {@code latents} (4, H/8, W/8) and {@code text_states} (T, D).
     *
     * @param item the item (caption in {@link ItemView#caption()})
     * @param picture its picture, centre-cropped and resized to the cache resolution, opaque RGB
     */
    Map<String, FloatTensor> encode(ItemView item, BufferedImage picture) throws IOException;
}
