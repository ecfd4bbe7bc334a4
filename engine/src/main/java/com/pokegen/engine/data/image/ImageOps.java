package com.pokegen.engine.data.image;

import com.pokegen.engine.io.Checksums;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.imageio.ImageIO;

/** Pixel operations shared by the importer, the pack builder and the feature cache. */
public final class ImageOps {

    private ImageOps() {}

    /** Whether any pixel of {@code img} is not fully opaque. */
    public static boolean hasTransparency(BufferedImage img) {
        if (!img.getColorModel().hasAlpha()) {
            return false;
        }
        int w = img.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < img.getHeight(); y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int argb : row) {
                if ((argb >>> 24) != 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An opaque {@code TYPE_INT_RGB} copy with every pixel alpha-blended over white. */
    public static BufferedImage compositeOnWhite(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                row[x] = overWhite(row[x]);
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** One non-premultiplied ARGB pixel blended over white: c' = a*c + (1-a)*255. */
    static int overWhite(int argb) {
        int a = argb >>> 24;
        if (a == 0xFF) {
            return argb & 0xFFFFFF;
        }
        int r = blend((argb >> 16) & 0xFF, a);
        int g = blend((argb >> 8) & 0xFF, a);
        int b = blend(argb & 0xFF, a);
        return r << 16 | g << 8 | b;
    }

    private static int blend(int c, int a) {
        return (c * a + 255 * (255 - a) + 127) / 255;
    }

    /** Centres {@code rgb} on a white square canvas whose side is its longer side. */
    public static BufferedImage padToSquare(BufferedImage rgb) {
        int side = Math.max(rgb.getWidth(), rgb.getHeight());
        if (rgb.getWidth() == side && rgb.getHeight() == side) {
            return rgb;
        }
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, side, side);
            g.drawImage(rgb, (side - rgb.getWidth()) / 2, (side - rgb.getHeight()) / 2, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Resizes with repeated halving then one bilinear step, which avoids the aliasing of a
     * single large bilinear reduction.
     */
    public static BufferedImage resize(BufferedImage rgb, int width, int height) {
        BufferedImage cur = rgb;
        while (cur.getWidth() / 2 >= width && cur.getHeight() / 2 >= height) {
            cur = draw(cur, cur.getWidth() / 2, cur.getHeight() / 2);
        }
        if (cur.getWidth() == width && cur.getHeight() == height) {
            return cur == rgb ? draw(cur, width, height) : cur;
        }
        return draw(cur, width, height);
    }

    /** Centre-crops to a square, then resizes to {@code side}×{@code side}. */
    public static BufferedImage centerCropSquare(BufferedImage rgb, int side) {
        int s = Math.min(rgb.getWidth(), rgb.getHeight());
        BufferedImage crop = rgb.getSubimage((rgb.getWidth() - s) / 2, (rgb.getHeight() - s) / 2, s, s);
        return resize(crop, side, side);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** SHA-256 (hex) of the width, height and RGB values: equal pictures, equal hash. */
    public static String pixelHash(BufferedImage rgb) {
        MessageDigest md = Checksums.newSha256();
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        md.update(new byte[] {(byte) (w >>> 24), (byte) (w >>> 16), (byte) (w >>> 8), (byte) w,
            (byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h});
        int[] row = new int[w];
        byte[] bytes = new byte[w * 3];
        for (int y = 0; y < h; y++) {
            rgb.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                bytes[3 * x] = (byte) (row[x] >> 16);
                bytes[3 * x + 1] = (byte) (row[x] >> 8);
                bytes[3 * x + 2] = (byte) row[x];
            }
            md.update(bytes);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** PNG bytes of {@code img}. */
    public static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
