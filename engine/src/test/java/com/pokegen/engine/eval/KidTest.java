package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KidTest {

    @Test
    void tinyExampleEqualsHandComputedValue() {
        double[][] x = {{1, 0}, {0, 1}, {1, 1}};
        double[][] y = {{2, 0}, {0, 0}, {1, -1}};
        // by hand with k = (xᵀy/2 + 1)³: off-diagonal Σk_xx = 15.5, Σk_yy = 20, Σk_xy = 24.5
        // MMD²ᵤ = (15.5 + 20)/(3·2) − 2·24.5/9 = 17/36
        KidResult r = new Kid(5, 3, 42).compute(x, y, "in-domain:t", "none");
        assertEquals(17.0 / 36, r.mean(), 1e-12);
        assertEquals(0, r.std(), 1e-12); // every subset is the whole set
        assertEquals(3, r.subsetSize());
        assertEquals("in-domain KID", r.label());
    }

    @Test
    void sameDistributionIsNearZeroAndShiftIsNot() {
        Random rnd = new Random(4);
        double[][] a = FrechetDistanceTest.gaussian(rnd, 600, 8, 1.0);
        double[][] b = FrechetDistanceTest.gaussian(rnd, 600, 8, 1.0);
        double[][] c = FrechetDistanceTest.gaussian(rnd, 600, 8, 1.0);
        for (double[] row : c) {
            row[0] += 1.0;
        }
        Kid kid = new Kid(20, 200, 0);
        KidResult same = kid.compute(a, b, "t", "none");
        KidResult shifted = kid.compute(a, c, "t", "none");
        assertTrue(Math.abs(same.mean()) < 3 * same.std() / Math.sqrt(20) + 1e-3, "same: " + same);
        assertTrue(shifted.mean() > 20 * Math.abs(same.mean()), "shifted " + shifted + " vs same " + same);
        assertEquals(200, same.subsetSize());
        assertEquals(600, same.sampleCount());
    }

    @Test
    void subsetSizeIsCappedBySmallerSet() {
        Random rnd = new Random(1);
        KidResult r = new Kid(3, 1000, 0).compute(FrechetDistanceTest.gaussian(rnd, 40, 3, 1),
                FrechetDistanceTest.gaussian(rnd, 90, 3, 1), "t", "none");
        assertEquals(40, r.subsetSize());
        assertThrows(IllegalArgumentException.class, () -> new Kid(3, 10, 0).compute(new double[][] {{1, 2}},
                new double[][] {{1, 2}, {3, 4}}, "t", "none"));
    }
}
