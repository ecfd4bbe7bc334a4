package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import com.pokegen.engine.model.vae.PixelSpace;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Re-framing augmentation and the pixel-space latent set that stores it. */
class AugmentationTest {

    /** A 64² red square covering the centre half, on white. */
    private static BufferedImage square() {
        return TinyLatentSets.onWhite(64, Color.RED, g -> g.fillRect(16, 16, 32, 32));
    }

    @Test
    void boxFilterAveragesBlocksExactly() {
        BufferedImage img = TinyLatentSets.onWhite(4, Color.BLACK, g -> g.fillRect(0, 0, 1, 4));
        BufferedImage out = Augmentation.boxDownsample(img, 4);
        // one black column of four: (0 + 3·255) / 4 = 191.25 -> 191 in every channel
        assertEquals(0xBFBFBF, out.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void identityFrameKeepsThePictureAndRandomFramesMoveIt() {
        BufferedImage same = Augmentation.render(square(), 16, Augmentation.Frame.IDENTITY);
        assertEquals(0xFF0000, same.getRGB(8, 8) & 0xFFFFFF, "centre stays red");
        assertEquals(0xFFFFFF, same.getRGB(1, 1) & 0xFFFFFF, "corner stays white");
        assertEquals(16 * 16 / 4, count(same, 0xFF0000), "a quarter of the frame is red, as in the source");

        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 50; i++) {
            Augmentation.Frame f = Augmentation.Frame.random(rng);
            assertTrue(f.scale() >= Augmentation.MIN_SCALE && f.scale() < Augmentation.MAX_SCALE, "scale " + f);
            double room = Math.max(0, (1 - f.scale()) / 2) + Augmentation.EXTRA_SHIFT;
            assertTrue(Math.abs(f.dx()) <= room && Math.abs(f.dy()) <= room, "shift " + f);
        }
        Augmentation.Frame small = new Augmentation.Frame(0.75, 0.1, 0);
        BufferedImage moved = Augmentation.render(square(), 16, small);
        // 0.75 · 8 = 6 pixels of red per side, shifted right by 1.6 pixels
        assertTrue(Math.abs(count(moved, 0xFF0000) - 30) <= 8, "about 6x6 pure red pixels: " + count(moved, 0xFF0000));
        assertEquals(0xFFFFFF, moved.getRGB(4, 8) & 0xFFFFFF, "shifted right: the old left edge is white");
    }

    @Test
    void pixelLatentSetStoresEachFramingAndPicksTheRequestedOne() throws Exception {
        List<TrainingExample> ex = List.of(new TrainingExample("sq", AugmentationTest::square, List.of("a red pokemon")));
        try (NDManager m = NDManager.newBaseManager(); MiniLmTextEncoder te = MiniLmTextEncoder.open();
                LatentSet set = LatentSet.encode(ex, PixelSpace.RGB, te, 16, new LatentSet.Framing(3, 5), 4, m,
                        (d, n) -> { }, () -> false)) {
            assertEquals(3, set.variants());
            assertEquals(1, set.imageCount());
            NDArray noise = m.randomNormal(new ai.djl.ndarray.types.Shape(1, 3, 16, 16));
            NDArray v0 = set.latents(new int[] {0}, new boolean[] {false}, new int[] {0}, noise);
            NDArray expected = ImageTensors.toTensor(Augmentation.render(square(), 16, Augmentation.Frame.IDENTITY), m);
            assertTrue(v0.get(0).sub(expected).abs().max().getFloat() < 1e-5f, "variant 0 is the picture itself");
            NDArray v1 = set.latents(new int[] {0}, new boolean[] {false}, new int[] {1}, noise);
            NDArray v1Flipped = set.latents(new int[] {0}, new boolean[] {true}, new int[] {1}, noise);
            // this frame (scale 1.014, shift 0.001/-0.010) moves the square's edges by a fraction of a pixel
            assertTrue(v1.sub(v0).abs().max().getFloat() > 0.2f, "variant 1 is re-framed");
            assertTrue(v1Flipped.flip(3).sub(v1).abs().max().getFloat() < 1e-5f, "the mirror of each framing is stored");
            int[] drawn = set.randomVariants(200, new SplittableRandom(1));
            assertEquals(3, java.util.Arrays.stream(drawn).distinct().count(), "draws cover every framing");
            assertNotEquals(0, java.util.Arrays.stream(drawn).sum());
        }
    }

    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
