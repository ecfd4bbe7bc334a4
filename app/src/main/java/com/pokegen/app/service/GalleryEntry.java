package com.pokegen.app.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One image kept in the studio's gallery: its PNG and the settings that made it (read from the
 * sidecar next to it).
 *
 * @param png       the PNG file in the gallery folder
 * @param request   the settings that made it
 * @param elapsedMs how long the engine took
 * @param created   when it was made
 */
public record GalleryEntry(Path png, GenerationRequest request, long elapsedMs, Instant created) {

    public GalleryEntry {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(created, "created");
    }
}
