package com.pokegen.engine.data.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    @Test
    void knownBinary16Encodings() {
        assertEquals((short) 0x3C00, HalfFloats.toHalf(1f));
        assertEquals((short) 0xC000, HalfFloats.toHalf(-2f));
        assertEquals((short) 0x7BFF, HalfFloats.toHalf(65504f), "largest half");
        assertEquals((short) 0x7C00, HalfFloats.toHalf(65520f), "rounds up to infinity");
        assertEquals((short) 0x0001, HalfFloats.toHalf(0x1p-24f), "smallest subnormal");
        assertEquals((short) 0x2E66, HalfFloats.toHalf(0.1f));
        assertEquals((short) 0x3C00, HalfFloats.toHalf(1f + 0x1p-11f), "tie rounds to even (down)");
        assertEquals((short) 0x3C02, HalfFloats.toHalf(1f + 3 * 0x1p-11f), "tie rounds to even (up)");
        assertTrue(Float.isNaN(HalfFloats.fromHalf(HalfFloats.toHalf(Float.NaN))));
    }

    @Test
    void everyHalfRoundTrips() {
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfFloats.fromHalf((short) h);
            if (!Float.isNaN(f)) {
                assertEquals((short) h, HalfFloats.toHalf(f), "half 0x" + Integer.toHexString(h));
            }
        }
    }

    @Test
    void bfloat16RoundsToNearestEven() {
        assertEquals((short) 0x3F80, HalfFloats.toBfloat16(1f));
        assertEquals((short) 0x3F80, HalfFloats.toBfloat16(Float.intBitsToFloat(0x3F808000)), "tie to even (down)");
        assertEquals((short) 0x3F82, HalfFloats.toBfloat16(Float.intBitsToFloat(0x3F818000)), "tie to even (up)");
        assertEquals(1f, HalfFloats.fromBfloat16((short) 0x3F80));
    }
}
