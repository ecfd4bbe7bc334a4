package com.pokegen.engine.train;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Data augmentation by re-framing: each variant redraws a picture on white at a random scale and
 * offset, so a few hundred artworks become thousands of distinct training images (the creature
 * smaller, larger or off-centre) and a model learns shapes instead of memorising placements.
 *
 * <p>Pictures are drawn at {@value #SUPERSAMPLE}× the training side and box-averaged down, so
 * small pixel-space images are anti-aliased like a downsampled photograph, not jagged.
 */
final class Augmentation {

    /** Supersampling factor of the box filter. */
    static final int SUPERSAMPLE = 4;

    /** Smallest and largest drawn size relative to the frame. */
    static final double MIN_SCALE = 0.7;
    static final double MAX_SCALE = 1.05;

    /** Largest shift of the centre, as a fraction of the side, beyond what the margin allows. */
    static final double EXTRA_SHIFT = 0.04;

    private Augmentation() {}

    /** How one variant draws the picture: its side relative to the frame and its centre's shift. */
    record Frame(double scale, double dx, double dy) {
        static final Frame IDENTITY = new Frame(1, 0, 0);

        /** A random frame that keeps most of the picture inside. */
        static Frame random(SplittableRandom rng) {
            double scale = MIN_SCALE + (MAX_SCALE - MIN_SCALE) * rng.nextDouble();
            double room = Math.max(0, (1 - scale) / 2) + EXTRA_SHIFT;
            return new Frame(scale, (2 * rng.nextDouble() - 1) * room, (2 * rng.nextDouble() - 1) * room);
        }
    }

    /** Centre square of {@code src}, drawn in {@code frame} on white, box-filtered to size×size. */
    static BufferedImage render(BufferedImage src, int size, Frame frame) {
        int big = size * SUPERSAMPLE;
        int side = Math.min(src.getWidth(), src.getHeight());
        int sx = (src.getWidth() - side) / 2;
        int sy = (src.getHeight() - side) / 2;
        BufferedImage canvas = new BufferedImage(big, big, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, big, big);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        int drawn = (int) Math.round(frame.scale() * big);
        int x0 = (int) Math.round(((1 - frame.scale()) / 2 + frame.dx()) * big);
        int y0 = (int) Math.round(((1 - frame.scale()) / 2 + frame.dy()) * big);
        g.drawImage(src, x0, y0, x0 + drawn, y0 + drawn, sx, sy, sx + side, sy + side, null);
        g.dispose();
        return boxDownsample(canvas, SUPERSAMPLE);
    }

    /** Averages each k×k block of pixels into one. */
    static BufferedImage boxDownsample(BufferedImage img, int k) {
        int w = img.getWidth() / k;
        int h = img.getHeight() / k;
        int[] rgb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, blockMean(rgb, img.getWidth(), x * k, y * k, k));
            }
        }
        return out;
    }

    private static int blockMean(int[] rgb, int stride, int x0, int y0, int k) {
        int r = 0;
        int g = 0;
        int b = 0;
        for (int y = y0; y < y0 + k; y++) {
            for (int x = x0; x < x0 + k; x++) {
                int p = rgb[y * stride + x];
                r += (p >> 16) & 255;
                g += (p >> 8) & 255;
                b += p & 255;
            }
        }
        int n = k * k;
        return (Math.round((float) r / n) << 16) | (Math.round((float) g / n) << 8) | Math.round((float) b / n);
    }
}
