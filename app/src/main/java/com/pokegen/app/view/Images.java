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

    /**
     * Decodes PNG bytes and, when the picture is smaller than {@code size}, enlarges it by a whole
     * factor with nearest-neighbour sampling, so a 16 px render shows its pixels as crisp blocks
     * (an ImageView's {@code setSmooth(false)} is ignored by JavaFX's software pipeline).
     */
    public static Image pixelated(byte[] png, double size) {
        Image image = png(png);
        if (image == null || image.getWidth() <= 0 || image.getWidth() >= size) {
            return image;
        }
        int factor = (int) Math.floor(size / Math.max(image.getWidth(), image.getHeight()));
        if (factor < 2) {
            return image;
        }
        return new Image(new ByteArrayInputStream(png), image.getWidth() * factor, image.getHeight() * factor, true, false);
    }
}
