package com.pokegen.engine.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.model.nn.FloatTensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CollapseSignalsTest {

    /** B images of 3×10×10, image i filled with values[i]. */
    private static FloatTensor flat(float... values) {
        int per = 3 * 10 * 10;
        float[] data = new float[values.length * per];
        for (int i = 0; i < values.length; i++) {
            Arrays.fill(data, i * per, (i + 1) * per, values[i]);
        }
        return new FloatTensor(new long[] {values.length, 3, 10, 10}, data);
    }

    @Test
    void nearWhiteCountsBlankImagesOnly() {
        assertEquals(0.5, CollapseSignals.nearWhiteFraction(flat(1f, 0.95f, 0.3f, 0.89f)), 0);
        // a white image with a 2×1 dark mark (2% of 100 pixels) is still near-white; with 3 pixels it is not
        float[] img = new float[300];
        Arrays.fill(img, 1f);
        img[0] = 0f; // red channel of pixel 0: min(R,G,B) of that pixel drops to 0
        img[100 + 1] = 0f; // green channel of pixel 1
        assertTrue(CollapseSignals.isNearWhite(img, 100));
        img[200 + 2] = 0f; // blue channel of pixel 2
        assertTrue(!CollapseSignals.isNearWhite(img, 100));
    }

    @Test
    void seedDiversityIsTheMeanPairwiseRmsPerPrompt() {
        // prompt 0: identical images (0); prompt 1: values 0, 0.5, 1 -> pairs 0.5, 1, 0.5 -> mean 2/3
        FloatTensor images = flat(0.2f, 0.2f, 0.2f, 0f, 0.5f, 1f);
        assertEquals((0 + 2.0 / 3) / 2, CollapseSignals.seedDiversity(images, 3), 1e-6);
        assertTrue(Double.isNaN(CollapseSignals.seedDiversity(images, 1)), "one seed per prompt has no diversity");
    }
}
