package com.pokegen.engine.io;

/**
 * bfloat16 ↔ float32 bit conversions. A bf16 is the upper 16 bits of a float32, so widening is
 * exact; narrowing rounds to nearest, ties to even (as libtorch does), and keeps NaNs NaN.
 */
final class Bfloat16 {

    private Bfloat16() {}

    static int toFloatBits(short bf16) {
        return (bf16 & 0xFFFF) << 16;
    }

    static short fromFloatBits(int bits) {
        if ((bits & 0x7F800000) == 0x7F800000 && (bits & 0x007FFFFF) != 0) {
            // NaN: keep sign and top payload bits; force the quiet bit only if truncation lost the payload.
            short truncated = (short) (bits >>> 16);
            return (bits & 0xFFFF) == 0 ? truncated : (short) (truncated | 0x0040);
        }
        int lsb = (bits >>> 16) & 1;
        return (short) ((bits + 0x7FFF + lsb) >>> 16);
    }
}
