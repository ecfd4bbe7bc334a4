package com.pokegen.engine.data.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the dominant colours of a picture and names them with the Pokédex palette (red,
 * blue, yellow, green, black, brown, purple, gray, white, pink) plus orange. Each counted
 * pixel is classified in HSV space; shares are over the counted pixels.
 */
public final class ColourNamer {

    /** Colour names in English, in the order ties are broken. */
    public static final List<String> NAMES =
            List.of("red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "gray", "white");

    private ColourNamer() {}

    /**
     * Colour names covering at least {@code minShare} of the subject's pixels, most frequent
     * first, at most {@code max}. The subject is the pixels with alpha ≥ 128; on opaque pictures
     * it is every pixel that is not near-white background.
     */
    public static List<String> dominant(BufferedImage img, int max, double minShare) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        NAMES.forEach(n -> counts.put(n, 0));
        boolean alpha = img.getColorModel().hasAlpha();
        int w = img.getWidth();
        int[] row = new int[w];
        int total = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int p : row) {
                if (alpha ? (p >>> 24) < 128 : isBackground(p)) {
                    continue;
                }
                counts.merge(name(p), 1, Integer::sum);
                total++;
            }
        }
        List<String> out = new ArrayList<>();
        if (total == 0) {
            return out;
        }
        final int all = total;
        counts.entrySet().stream()
                .filter(e -> e.getValue() >= minShare * all)
                .sorted(Comparator.comparing(Map.Entry<String, Integer>::getValue).reversed())
                .limit(max)
                .forEach(e -> out.add(e.getKey()));
        return out;
    }

    private static boolean isBackground(int rgb) {
        return ((rgb >> 16) & 0xFF) > 245 && ((rgb >> 8) & 0xFF) > 245 && (rgb & 0xFF) > 245;
    }

    /** The palette name of one RGB pixel. */
    public static String name(int rgb) {
        float[] hsv = java.awt.Color.RGBtoHSB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, null);
        float h = hsv[0] * 360f;
        float s = hsv[1];
        float v = hsv[2];
        if (v < 0.2f) {
            return "black";
        }
        if (s < 0.15f) {
            return v > 0.85f ? "white" : v < 0.3f ? "black" : "gray";
        }
        boolean warm = h < 45f || h >= 345f;
        if (warm && v < 0.55f) {
            return "brown";
        }
        if ((h < 15f || h >= 345f) && s < 0.45f && v > 0.7f) {
            return "pink";
        }
        if (h < 15f || h >= 345f) {
            return "red";
        }
        if (h < 40f) {
            return "orange";
        }
        if (h < 70f) {
            return "yellow";
        }
        if (h < 180f) { // teal (Bulbasaur, h≈171) reads as green
            return "green";
        }
        if (h < 255f) {
            return "blue";
        }
        if (h < 290f) {
            return "purple";
        }
        return "pink";
    }
}
