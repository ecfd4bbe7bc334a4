package com.pokegen.engine.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/** One training image with its captions (e.g. English and French), loaded on demand. */
public record TrainingExample(String id, ImageSource image, List<String> captions) {

    public TrainingExample {
        if (captions.isEmpty()) {
            throw new IllegalArgumentException("training example " + id + " has no caption");
        }
    }

    /** Loads the image (decoding is deferred so large sets are not held in memory twice). */
    @FunctionalInterface
    public interface ImageSource {
        BufferedImage load() throws IOException;
    }
}
