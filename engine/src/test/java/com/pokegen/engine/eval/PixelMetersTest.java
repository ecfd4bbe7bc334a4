package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pixel meters against closed forms on synthetic discs. */
class PixelMetersTest {

    static List<BufferedImage> discs;
    static PixelMeters meters;

    /** 300 discs of random colour, radius and centre on white, 64 px. */
    @BeforeAll
    static void fit() {
        discs = discs(300, 3);
        meters = PixelMeters.fit(discs);
    }

    static List<BufferedImage> discs(int n, long seed) {
        Random rnd = new Random(seed);
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = solid(64, Color.WHITE);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
            int r = 10 + rnd.nextInt(14);
            g.fillOval(32 - r + rnd.nextInt(9) - 4, 32 - r + rnd.nextInt(9) - 4, 2 * r, 2 * r);
            g.dispose();
            out.add(img);
        }
        return out;
    }

    static BufferedImage solid(int side, Color c) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, side, side);
        g.dispose();
        return img;
    }

    @Test
    void areaAveragingIsExact() {
        BufferedImage img = solid(64, Color.WHITE);
        img.setRGB(0, 0, 0x000000); // one black pixel of the 2x2 block behind output pixel (0, 0)
        double[] v = PixelMeters.vector(img);
        assertEquals(0.75, v[0], 1e-12, "red plane: (0 + 3) / 4 of full scale");
        assertEquals(0.75, v[2 * 32 * 32], 1e-12, "blue plane");
        assertEquals(1.0, v[1], 1e-12, "the next block is all white");
    }

    @Test
    void referenceAgainstItselfScoresZeroAndOnlyCopies() {
        PixelMeters.Result self = meters.measure(discs);
        assertEquals(0, self.fd(), 1e-6, "identical sets: FD 0");
        assertEquals(1.0, self.laplacianRatio(), 1e-12);
        assertEquals(1.0, self.nearCopyFraction(), 1e-12, "every image is its own nearest neighbour");
        assertEquals(self.reference().whiteFraction(), self.whiteFraction(), 1e-12);
    }

    @Test
    void floorShrinksWithSampleCountAndFreshDiscsScoreNearIt() {
        double floor20 = meters.floor(20);
        double floor100 = meters.floor(100);
        assertTrue(floor20 > floor100 && floor100 > 0, floor20 + " > " + floor100 + " > 0");
        // the floor draws from the reference itself, so it reads low when n nears its size: 60 of 300
        PixelMeters.Result fresh = meters.measure(discs(60, 99));
        assertTrue(fresh.fd() < 3 * fresh.fdFloor(), "new discs from the same law: " + fresh.fd() + " vs floor " + fresh.fdFloor());
        assertTrue(fresh.nearCopyFraction() < 0.2, "new discs are not copies: " + fresh.nearCopyFraction());
    }

    @Test
    void blobsSpeckleAndSaturationAreSeen() {
        List<BufferedImage> grey = new ArrayList<>();
        List<BufferedImage> speckled = new ArrayList<>();
        Random rnd = new Random(5);
        for (int i = 0; i < 40; i++) {
            grey.add(solid(32, Color.GRAY));
            BufferedImage s = solid(32, Color.WHITE);
            for (int k = 0; k < 300; k++) {
                s.setRGB(rnd.nextInt(32), rnd.nextInt(32), rnd.nextInt(0x1000000));
            }
            speckled.add(s);
        }
        PixelMeters.Result flat = meters.measure(grey);
        assertEquals(0, flat.laplacianRatio(), 1e-12, "flat images have no Laplacian energy");
        assertEquals(0, flat.whiteFraction(), 1e-12);
        assertEquals(0, flat.saturation(), 1e-12, "grey has no saturation");
        assertTrue(flat.fd() > 10 * meters.floor(40), "grey squares are far from discs: " + flat.fd());
        assertTrue(meters.measure(speckled).laplacianRatio() > 3, "speckle raises the Laplacian energy");
        assertEquals(1.0, meters.measure(List.of(solid(32, Color.RED), solid(32, Color.RED))).saturation(), 1e-12);
    }

    @Test
    void principalAxesAreOrthonormal() {
        double[][] x = PixelMeters.vectors(discs);
        double[] mean = new double[PixelMeters.DIM];
        for (double[] v : x) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += v[j] / x.length;
            }
        }
        double[][] axes = PixelMeters.principalAxes(x, mean, 8);
        for (int a = 0; a < 8; a++) {
            for (int b = 0; b < 8; b++) {
                double dot = 0;
                for (int j = 0; j < PixelMeters.DIM; j++) {
                    dot += axes[a][j] * axes[b][j];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-9, "axes " + a + "," + b);
            }
        }
    }
}
