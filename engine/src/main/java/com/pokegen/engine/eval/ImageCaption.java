package com.pokegen.engine.eval;

import java.awt.image.BufferedImage;
import java.util.Objects;

/** One dataset item for in-domain training: an image and its caption. */
public record ImageCaption(BufferedImage image, String caption) {

    public ImageCaption {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(caption, "caption");
    }
}
