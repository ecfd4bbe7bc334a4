package com.pokegen.engine.data.cache;

/** IEEE 754 binary16 and bfloat16 conversions with round-to-nearest-even (Java 17 has neither). */
final class HalfFloats {

    private HalfFloats() {}

    static short toHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFFFFFF;
        if (abs >= 0x7F800000) { // infinity or NaN
            return (short) (sign | 0x7C00 | (abs > 0x7F800000 ? 0x200 : 0));
        }
        if (abs < 0x38800000) { // below 2^-14: a subnormal half, m × 2^-24
            int m = (int) Math.rint(Float.intBitsToFloat(abs) * 0x1p24f);
            return (short) (sign | m); // m = 1024 rolls into the smallest normal, as it should
        }
        int exp = (abs >>> 23) - 127 + 15;
        int mant = abs & 0x7FFFFF;
        int m = mant >>> 13;
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (m & 1) == 1)) {
            m++;
            if (m == 0x400) {
                m = 0;
                exp++;
            }
        }
        if (exp >= 31) {
            return (short) (sign | 0x7C00);
        }
        return (short) (sign | exp << 10 | m);
    }

    static float fromHalf(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int m = h & 0x3FF;
        if (exp == 0) {
            float v = m * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | m << 13);
        }
        return Float.intBitsToFloat(sign | (exp - 15 + 127) << 23 | m << 13);
    }

    static short toBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7FFFFFFF) > 0x7F800000) {
            return (short) ((bits >>> 16) | 0x40); // keep NaN a NaN
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    static float fromBfloat16(short b) {
        return Float.intBitsToFloat((b & 0xFFFF) << 16);
    }
}
