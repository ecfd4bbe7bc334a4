package com.pokegen.engine.batch;

import java.awt.image.BufferedImage;

/** Finds a picture shown at its natural size inside a screenshot (per-channel tolerance for colour management). */
final class ScreenSearch {

    private static final int TOLERANCE = 6;

    private ScreenSearch() {}

    static boolean contains(BufferedImage screen, BufferedImage picture) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        int[] px = picture.getRGB(0, 0, w, h, null, 0, w);
        int[] sc = screen.getRGB(0, 0, screen.getWidth(), screen.getHeight(), null, 0, screen.getWidth());
        int sw = screen.getWidth();
        for (int y = 0; y + h <= screen.getHeight(); y++) {
            for (int x = 0; x + w <= sw; x++) {
                if (close(sc[y * sw + x], px[0]) && matches(sc, sw, x, y, px, w, h)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(int[] sc, int sw, int x0, int y0, int[] px, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!close(sc[(y0 + y) * sw + x0 + x], px[y * w + x])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean close(int a, int b) {
        return Math.abs((a >> 16 & 255) - (b >> 16 & 255)) <= TOLERANCE && Math.abs((a >> 8 & 255) - (b >> 8 & 255)) <= TOLERANCE
                && Math.abs((a & 255) - (b & 255)) <= TOLERANCE;
    }
}
