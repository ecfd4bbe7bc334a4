package com.pokegen.engine.pipeline;

import com.pokegen.engine.model.nn.FloatTensor;
import java.awt.image.BufferedImage;

/** Conversions between the pipeline's float images and Java2D pictures. */
public final class Images {

    private Images() {}

    /**
     * Image {@code index} of a (B, 3, H, W) tensor in [0, 1] as an RGB picture; values are
     * scaled by 255 and rounded half up (diffusers: {@code (x * 255).round()}).
     */
    public static BufferedImage toBufferedImage(FloatTensor images, int index) {
        long[] s = images.shape();
        if (s.length != 4 || s[1] != 3) {
            throw new IllegalArgumentException("expected (B, 3, H, W) images, got " + images);
        }
        int h = (int) s[2];
        int w = (int) s[3];
        float[] px = images.slice(index);
        int plane = h * w;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int rgb = (to8bit(px[i]) << 16) | (to8bit(px[plane + i]) << 8) | to8bit(px[2 * plane + i]);
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    static int to8bit(float v) {
        float clamped = Math.max(0f, Math.min(1f, v));
        return Math.round(clamped * 255f);
    }
}
