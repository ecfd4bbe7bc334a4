package com.pokegen.engine.eval.run;

import com.pokegen.engine.model.nn.FloatTensor;

/**
 * Cheap pixel-space signs of a collapsed generator, which need no feature network: the share of
 * near-white images (adversarial-only ADD on white-background sprites collapses to blank white
 * images, see DESIGN.md "Calibration") and how much the images of one prompt differ across
 * seeds (mode collapse makes them identical).
 */
final class CollapseSignals {

    /** A pixel counts as white when its darkest channel is at least this bright. */
    static final float WHITE_LEVEL = 0.9f;
    /** An image counts as near-white when at least this share of its pixels is white. */
    static final double WHITE_SHARE = 0.98;
    static final String NEAR_WHITE = "near-white fraction";
    static final String DIVERSITY = "seed diversity";
    static final String NEAR_WHITE_EXTRACTOR = "pixels: image with >= 98% of pixels having min(R,G,B) >= 0.9";
    static final String DIVERSITY_EXTRACTOR = "pixels: mean RMS difference between the K seeds of a prompt, [0, 1]";
    static final String NO_RESIZE = "none (native size)";

    private CollapseSignals() {}

    /** Share of the (B, 3, H, W) images in [0, 1] that are near-white. */
    static double nearWhiteFraction(FloatTensor images) {
        int b = (int) images.shape()[0];
        int near = 0;
        for (int i = 0; i < b; i++) {
            near += isNearWhite(images.slice(i), planeSize(images)) ? 1 : 0;
        }
        return (double) near / b;
    }

    static boolean isNearWhite(float[] chw, int plane) {
        int white = 0;
        for (int p = 0; p < plane; p++) {
            float min = Math.min(chw[p], Math.min(chw[plane + p], chw[2 * plane + p]));
            white += min >= WHITE_LEVEL ? 1 : 0;
        }
        return white >= WHITE_SHARE * plane;
    }

    /**
     * Mean over prompts of the mean pairwise RMS difference between the {@code perPrompt} images
     * of a prompt (stored prompt-major: image p·K + k). NaN when K &lt; 2.
     */
    static double seedDiversity(FloatTensor images, int perPrompt) {
        int b = (int) images.shape()[0];
        if (perPrompt < 2 || b % perPrompt != 0) {
            return Double.NaN;
        }
        double sum = 0;
        int prompts = b / perPrompt;
        for (int p = 0; p < prompts; p++) {
            double promptSum = 0;
            int pairs = 0;
            for (int i = 0; i < perPrompt; i++) {
                float[] a = images.slice(p * perPrompt + i);
                for (int j = i + 1; j < perPrompt; j++) {
                    promptSum += rms(a, images.slice(p * perPrompt + j));
                    pairs++;
                }
            }
            sum += promptSum / pairs;
        }
        return sum / prompts;
    }

    static double rms(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s / a.length);
    }

    private static int planeSize(FloatTensor images) {
        long[] s = images.shape();
        return (int) (s[2] * s[3]);
    }
}
