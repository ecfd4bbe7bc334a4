package com.pokegen.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;

/** Conversions between {@link BufferedImage}s and (3, H, W) float pixels in [0, 1]. */
public final class ImageTensors {

    private ImageTensors() {}

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

    /** An RGB image from a (3, H, W) array in [0, 1] (clamped, rounded). */
    public static BufferedImage toImage(NDArray chw01) {
        Shape s = chw01.getShape();
        int h = (int) s.get(1);
        int w = (int) s.get(2);
        float[] v = chw01.toType(DataType.FLOAT32, false).toFloatArray();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        for (int i = 0; i < plane; i++) {
            int r = to8(v[i]);
            int g = to8(v[plane + i]);
            int b = to8(v[2 * plane + i]);
            out.setRGB(i % w, i / w, (r << 16) | (g << 8) | b);
        }
        return out;
    }

    private static int to8(float x) {
        return Math.round(Math.max(0, Math.min(1, x)) * 255);
    }
}
