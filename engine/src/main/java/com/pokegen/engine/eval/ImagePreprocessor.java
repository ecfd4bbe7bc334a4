package com.pokegen.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.train.ImageTensors;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Brings images to what a feature network expects: resize (shorter side to {@code size}, then a
 * centre crop, as torchvision's {@code Resize(size)} + {@code CenterCrop(size)}; square images are
 * simply resized), then {@code (x·scale − mean) / std} per channel.
 *
 * @param size output side S
 * @param resize resampling method
 * @param scale multiplier applied to [0, 1] pixels (255 for networks that take [0, 255])
 * @param mean per-channel mean subtracted after scaling
 * @param std per-channel divisor
 */
public record ImagePreprocessor(int size, ResizeMethod resize, float scale, float[] mean, float[] std) {

    /** OpenAI CLIP's normalisation (clip/clip.py {@code _transform}). */
    public static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    public static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    public ImagePreprocessor {
        if (size < 1 || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("need a positive size and 3 means and stds");
        }
    }

    /**
     * The Inception TorchScript network's input: 299×299 RGB in [0, 255]; the network itself maps
     * to [−1, 1] with (x − 128)/128.
     */
    public static ImagePreprocessor inception(ResizeMethod resize) {
        return new ImagePreprocessor(299, resize, 255f, new float[3], new float[] {1, 1, 1});
    }

    /** OpenAI CLIP: bicubic to 224 (shorter side), centre crop, CLIP mean/std on [0, 1]. */
    public static ImagePreprocessor clip(int size) {
        return new ImagePreprocessor(size, ResizeMethod.PIL_BICUBIC, 1f, CLIP_MEAN.clone(), CLIP_STD.clone());
    }

    /** e.g. "299×299 torch-bilinear, [0, 255]". */
    public String describe() {
        boolean plain = mean[0] == 0 && mean[1] == 0 && mean[2] == 0 && std[0] == 1 && std[1] == 1 && std[2] == 1;
        String range = plain ? "[0, " + (scale == 1f ? "1" : Float.toString(scale).replace(".0", "")) + "]"
                : "[0, 1] normalised by mean/std";
        return size + "×" + size + " " + resize.id() + ", " + range;
    }

    /** One (3, H, W) image in [0, 1], channel-major, to (3, S, S). */
    public float[] apply(float[] chw, int h, int w) {
        int scaledH;
        int scaledW;
        if (h <= w) { // torchvision Resize(int): the shorter side becomes size, the other keeps the ratio
            scaledH = size;
            scaledW = Math.max(size, (int) ((long) size * w / h));
        } else {
            scaledW = size;
            scaledH = Math.max(size, (int) ((long) size * h / w));
        }
        int top = (int) Math.round((scaledH - size) / 2.0);
        int left = (int) Math.round((scaledW - size) / 2.0);
        float[] out = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            float[] plane = new float[h * w];
            System.arraycopy(chw, c * h * w, plane, 0, h * w);
            float[] resized = Resampler.resize(plane, h, w, scaledH, scaledW, resize);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float v = resized[(y + top) * scaledW + x + left];
                    out[(c * size + y) * size + x] = (v * scale - mean[c]) / std[c];
                }
            }
        }
        return out;
    }

    /** Images of any sizes to one (B, 3, S, S) float32 batch. */
    public NDArray apply(List<BufferedImage> images, NDManager manager) {
        float[] all = new float[images.size() * 3 * size * size];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage im = images.get(i);
            float[] one = apply(ImageTensors.chw(im), im.getHeight(), im.getWidth());
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return manager.create(all, new Shape(images.size(), 3, size, size));
    }

    /** A (B, 3, H, W) batch in [0, 1] to (B, 3, S, S), in {@code manager}. */
    public NDArray apply(NDArray images01, NDManager manager) {
        Shape s = images01.getShape();
        if (s.dimension() != 4 || s.get(1) != 3) {
            throw new IllegalArgumentException("expected images as (B, 3, H, W) in [0, 1], got " + s);
        }
        int b = (int) s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        float[] src = images01.toType(DataType.FLOAT32, false).toFloatArray();
        float[] all = new float[b * 3 * size * size];
        float[] one = new float[3 * h * w];
        for (int i = 0; i < b; i++) {
            System.arraycopy(src, i * one.length, one, 0, one.length);
            float[] out = apply(one, h, w);
            System.arraycopy(out, 0, all, i * out.length, out.length);
        }
        return manager.create(all, new Shape(b, 3, size, size));
    }
}
