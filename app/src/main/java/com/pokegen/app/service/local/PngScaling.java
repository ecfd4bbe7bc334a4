package com.pokegen.app.service.local;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Enlarges PNGs by whole factors with nearest-neighbour sampling, so pixel art stays crisp. */
public final class PngScaling {

    /** The largest factor offered: 64 px × 16 = 1024 px. */
    public static final int MAX_FACTOR = 16;

    private PngScaling() {
    }

    /** {@code png} enlarged {@code factor} times; factor 1 returns the same bytes. */
    public static byte[] upscale(byte[] png, int factor) throws IOException {
        if (factor < 1 || factor > MAX_FACTOR) {
            throw new IllegalArgumentException("upscale factor must be 1.." + MAX_FACTOR + ", got " + factor);
        }
        if (factor == 1) {
            return png;
        }
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(png));
        if (source == null) {
            throw new IOException("not a readable PNG (" + png.length + " bytes)");
        }
        int w = source.getWidth();
        int h = source.getHeight();
        BufferedImage large = new BufferedImage(w * factor, h * factor, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h * factor; y++) {
            for (int x = 0; x < w * factor; x++) {
                large.setRGB(x, y, source.getRGB(x / factor, y / factor));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(large, "png", out)) {
            throw new IOException("no PNG writer available");
        }
        return out.toByteArray();
    }
}
