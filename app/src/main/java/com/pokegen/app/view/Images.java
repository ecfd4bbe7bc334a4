package com.pokegen.app.view;

import javafx.scene.image.Image;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Image loading for views: files load in the background (never blocking the FX thread). */
public final class Images {

    private static final int THUMBNAIL_CACHE = 600;

    /** Recently shown thumbnails, so scrolling back does not reload them. FX thread only. */
    private static final Map<String, Image> THUMBNAILS = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > THUMBNAIL_CACHE;
        }
    };

    private Images() {
    }

    /** A thumbnail at most {@code size} pixels wide and high, loading in the background. */
    public static Image thumbnail(Path file, double size) {
        String key = file + "@" + size;
        return THUMBNAILS.computeIfAbsent(key, k -> new Image(file.toUri().toString(), size, size, true, true, true));
    }

    /** The full image, loading in the background; null for a null path. */
    public static Image file(Path file) {
        return file == null ? null : new Image(file.toUri().toString(), true);
    }

    /** Decodes PNG bytes (small generated previews; fast enough for the FX thread). */
    public static Image png(byte[] png) {
        return png == null ? null : new Image(new ByteArrayInputStream(png));
    }
}
