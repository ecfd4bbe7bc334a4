package com.pokegen.app.service;

import java.util.Objects;

/**
 * A generated image: PNG bytes and the settings that made it.
 *
 * @param png       the encoded PNG (the app shows and saves these bytes as they are)
 * @param request   the settings used
 * @param elapsedMs wall time the engine took, for the status line
 */
public record GeneratedImage(byte[] png, GenerationRequest request, long elapsedMs) {

    public GeneratedImage {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(request, "request");
        if (png.length < 8) {
            throw new IllegalArgumentException("Generated image has " + png.length + " bytes: not a PNG");
        }
    }
}
