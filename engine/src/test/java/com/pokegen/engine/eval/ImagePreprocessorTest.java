package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.train.ImageTensors;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

    @Test
    void torchBilinearMatchesAlignCornersFalseWithEdgeClamping() {
        // upsample [0, 1] to 4: sources −0.25→0 (clamped), 0.25, 0.75, 1.25→1 (clamped)
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, row(new float[] {0, 1}, 4, ResizeMethod.TORCH_BILINEAR), 1e-6f);
        // downsample [0, 1, 2, 3] to 2 without antialiasing: sources 0.5 and 2.5
        assertArrayEquals(new float[] {0.5f, 2.5f}, row(new float[] {0, 1, 2, 3}, 2, ResizeMethod.TORCH_BILINEAR), 1e-6f);
    }

    @Test
    void pilBilinearWidensTheTriangleWhenDownsampling() {
        // support 2 at scale 2: weights (0.75, 0.75, 0.25)/1.75 over pixels 0..2, (0.25, 0.75, 0.75)/1.75 over 1..3
        float[] got = row(new float[] {0, 1, 2, 3}, 2, ResizeMethod.PIL_BILINEAR);
        assertArrayEquals(new float[] {1.25f / 1.75f, 4f / 1.75f}, got, 1e-6f);
    }

    @Test
    void pilBicubicUsesKeysKernelWithAMinusHalf() {
        // upsample [0, 1] to 4, first sample: centre 0.25, taps at 0.25 and 1.25 from it:
        // w0 = 0.8671875, w1 = −0.0703125, renormalised over the two in-range pixels
        float[] got = row(new float[] {0, 1}, 4, ResizeMethod.PIL_BICUBIC);
        assertEquals(-0.0703125 / 0.796875, got[0], 1e-6);
        assertEquals(1 - got[0], got[3], 1e-6); // mirror symmetry
    }

    @Test
    void sameSizeIsIdentityAndConstantsStayConstant() {
        float[] ramp = {0.1f, 0.5f, 0.2f, 0.9f, 0.3f};
        for (ResizeMethod m : ResizeMethod.values()) {
            assertArrayEquals(ramp, row(ramp, 5, m), 1e-6f, m.id());
            float[] flat = Resampler.resize(new float[] {0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f}, 2, 3, 7, 5, m);
            for (float v : flat) {
                assertEquals(0.3f, v, 1e-6f, m.id());
            }
        }
    }

    @Test
    void inceptionInputIs299InZeroTo255() {
        ImagePreprocessor p = ImagePreprocessor.inception(ResizeMethod.PIL_BICUBIC);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = p.apply(List.of(TorchScriptExtractorTest.solid(64, 64, 0x336699)), m);
            assertEquals(new ai.djl.ndarray.types.Shape(1, 3, 299, 299), x.getShape());
            float[] v = x.toFloatArray();
            int plane = 299 * 299;
            assertEquals(0x33, v[0], 1e-3);
            assertEquals(0x66, v[plane + 1000], 1e-3);
            assertEquals(0x99, v[2 * plane + plane - 1], 1e-3);
        }
        assertEquals("299×299 pil-bicubic, [0, 255]", p.describe());
    }

    @Test
    void clipNormalisesWithOpenAiConstants() {
        ImagePreprocessor p = ImagePreprocessor.clip(224);
        float[] chw = ImageTensors.chw(TorchScriptExtractorTest.solid(10, 10, 0xff8000));
        float[] out = p.apply(chw, 10, 10);
        assertEquals(224 * 224 * 3, out.length);
        assertEquals((1f - 0.48145466f) / 0.26862954f, out[0], 1e-5);
        assertEquals((128 / 255f - 0.4578275f) / 0.26130258f, out[224 * 224 + 5], 1e-5);
        assertEquals((0f - 0.40821073f) / 0.27577711f, out[3 * 224 * 224 - 1], 1e-5);
    }

    @Test
    void shorterSideResizeThenCentreCrop() {
        // a 6×2 image whose columns hold their index; size 2 keeps the height, crop starts at column 2
        ImagePreprocessor p = new ImagePreprocessor(2, ResizeMethod.PIL_BICUBIC, 1f, new float[3], new float[] {1, 1, 1});
        float[] chw = new float[3 * 2 * 6];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 6; x++) {
                    chw[(c * 2 + y) * 6 + x] = x / 10f;
                }
            }
        }
        float[] out = p.apply(chw, 2, 6);
        assertArrayEquals(new float[] {0.2f, 0.3f, 0.2f, 0.3f}, java.util.Arrays.copyOfRange(out, 0, 4), 1e-6f);
    }

    @Test
    void ndArrayAndImagePathsAgree() {
        BufferedImage im = new BufferedImage(13, 9, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 13; x++) {
                im.setRGB(x, y, (x * 19 << 16) | (y * 27 << 8) | ((x + y) * 9));
            }
        }
        ImagePreprocessor p = ImagePreprocessor.clip(7);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = p.apply(List.of(im), m);
            NDArray b = p.apply(ImageTensors.stack(List.of(im), m), m);
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 1e-6f);
        }
        BufferedImage back = ImageTensors.toImage(ImageTensors.stack(List.of(im), NDManager.newBaseManager()).get(0));
        assertEquals(im.getRGB(5, 4), back.getRGB(5, 4));
    }

    private static float[] row(float[] values, int outW, ResizeMethod m) {
        return Resampler.resize(values, 1, values.length, 1, outW, m);
    }
}
