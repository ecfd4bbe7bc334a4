package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Conversions between images and the models' (B, 3, H, W) tensors in [-1, 1] or [0, 1] (training and evaluation). */
public final class ImageTensors {

    private ImageTensors() {}

    /** Centre-crops to a square, composites alpha on white, resizes to size×size (bicubic). */
    public static BufferedImage squareResize(BufferedImage src, int size) {
        int side = Math.min(src.getWidth(), src.getHeight());
        int x = (src.getWidth() - side) / 2;
        int y = (src.getHeight() - side) / 2;
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, size, size, x, y, x + side, y + side, null);
        g.dispose();
        return out;
    }

    /** RGB pixels to a (3, H, W) float tensor in [-1, 1]. */
    public static NDArray toTensor(BufferedImage img, NDManager manager) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] data = new float[3 * h * w];
        for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < w; xx++) {
                int rgb = img.getRGB(xx, yy);
                int i = yy * w + xx;
                data[i] = ((rgb >> 16) & 255) / 127.5f - 1f;
                data[h * w + i] = ((rgb >> 8) & 255) / 127.5f - 1f;
                data[2 * h * w + i] = (rgb & 255) / 127.5f - 1f;
            }
        }
        return com.pokegen.engine.model.nn.Tensors.floats(manager, data, new Shape(3, h, w));
    }

    /** (3·H·W) channel-major RGB in [0, 1]; alpha is dropped, as PIL's {@code convert("RGB")} does. */
    public static float[] chw(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[3 * h * w];
        int plane = h * w;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = ((p >> 16) & 0xff) / 255f;
            out[plane + i] = ((p >> 8) & 0xff) / 255f;
            out[2 * plane + i] = (p & 0xff) / 255f;
        }
        return out;
    }

    /** (B, 3, H, W) float32 in [0, 1]; all images must share one size. */
    public static NDArray stack(List<BufferedImage> images, NDManager manager) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        float[] all = new float[images.size() * 3 * h * w];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage im = images.get(i);
            if (im.getWidth() != w || im.getHeight() != h) {
                throw new IllegalArgumentException("image " + i + " is " + im.getWidth() + "×" + im.getHeight()
                        + ", expected " + w + "×" + h + " like the first");
            }
            System.arraycopy(chw(im), 0, all, i * 3 * h * w, 3 * h * w);
        }
        return manager.create(all, new Shape(images.size(), 3, h, w));
    }

    /** A (3, H, W) tensor in [0, 1] (any float type) to an RGB image (values are clamped and rounded). */
    public static BufferedImage toImage(NDArray chw01) {
        long[] s = chw01.getShape().getShape();
        int h = (int) s[1];
        int w = (int) s[2];
        float[] d = chw01.toType(DataType.FLOAT32, false).toFloatArray();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < w; xx++) {
                int i = yy * w + xx;
                out.setRGB(xx, yy, (byte8(d[i]) << 16) | (byte8(d[h * w + i]) << 8) | byte8(d[2 * h * w + i]));
            }
        }
        return out;
    }

    private static int byte8(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }
}
