package com.pokegen.engine.data.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.io.SafetensorsFile;
import com.pokegen.engine.model.nn.FloatTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feature files store halves bit-exactly as IEEE 754 binary16 / bfloat16, rounding to nearest even. */
class FeatureFilesTest {

    @TempDir
    Path tmp;

    /** Writes {@code values} as one tensor in {@code dtype} and returns the stored 16-bit words. */
    private short[] stored(String dtype, float... values) throws IOException {
        Path file = tmp.resolve(dtype + ".safetensors");
        FeatureFiles.write(file, Map.of("x", new FloatTensor(new long[] {values.length}, values)), dtype, Map.of());
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int dataStart = Math.toIntExact(8 + bytes.getLong(0));
        short[] words = new short[values.length];
        for (int i = 0; i < words.length; i++) {
            words[i] = bytes.getShort(dataStart + 2 * i);
        }
        return words;
    }

    @Test
    void knownBinary16Encodings() throws IOException {
        short[] h = stored("float16", 1f, -2f, 65504f, 65520f, 0x1p-24f, 0.1f, 1f + 0x1p-11f, 1f + 3 * 0x1p-11f,
                Float.NaN);
        assertEquals((short) 0x3C00, h[0]);
        assertEquals((short) 0xC000, h[1]);
        assertEquals((short) 0x7BFF, h[2], "largest half");
        assertEquals((short) 0x7C00, h[3], "rounds up to infinity");
        assertEquals((short) 0x0001, h[4], "smallest subnormal");
        assertEquals((short) 0x2E66, h[5]);
        assertEquals((short) 0x3C00, h[6], "tie rounds to even (down)");
        assertEquals((short) 0x3C02, h[7], "tie rounds to even (up)");
        assertTrue((h[8] & 0x7C00) == 0x7C00 && (h[8] & 0x3FF) != 0, "NaN stays NaN");
        assertTrue(Float.isNaN(FeatureFiles.read(tmp.resolve("float16.safetensors")).get("x").data()[8]));
    }

    /** Every finite or infinite half, widened to float, is stored as exactly that half and read back exactly. */
    @Test
    void everyHalfRoundTrips() throws IOException {
        float[] values = new float[0x10000 - 2 * 0x3FF];
        short[] halves = new short[values.length];
        int n = 0;
        for (int h = 0; h < 0x10000; h++) {
            boolean nan = (h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0;
            if (!nan) {
                halves[n] = (short) h;
                values[n++] = halfToFloat((short) h);
            }
        }
        assertEquals(values.length, n);
        short[] h = stored("float16", values);
        float[] back = FeatureFiles.read(tmp.resolve("float16.safetensors")).get("x").data();
        for (int i = 0; i < n; i++) {
            assertEquals(halves[i], h[i], "half 0x" + Integer.toHexString(halves[i] & 0xFFFF));
            assertEquals(values[i], back[i], "half 0x" + Integer.toHexString(halves[i] & 0xFFFF));
        }
    }

    @Test
    void bfloat16RoundsToNearestEven() throws IOException {
        short[] b = stored("bfloat16", 1f, Float.intBitsToFloat(0x3F808000), Float.intBitsToFloat(0x3F818000));
        assertEquals((short) 0x3F80, b[0]);
        assertEquals((short) 0x3F80, b[1], "tie to even (down)");
        assertEquals((short) 0x3F82, b[2], "tie to even (up)");
        assertEquals(1f, FeatureFiles.read(tmp.resolve("bfloat16.safetensors")).get("x").data()[0]);
    }

    @Test
    void float32IsExactAndMetadataIsKept() throws IOException {
        Path file = tmp.resolve("f32.safetensors");
        FloatTensor t = new FloatTensor(new long[] {2, 3}, new float[] {0.1f, -1e-30f, 3e38f, 0f, -0f, 7f});
        FeatureFiles.write(file, Map.of("latents", t), "float32", Map.of("item", "a"));
        assertEquals(t, FeatureFiles.read(file).get("latents"));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Map.of("item", "a"), f.metadata());
        }
    }

    @Test
    void aDamagedFileNamesTheCacheToDelete() throws IOException {
        Path file = Files.createDirectories(tmp.resolve("cache/KEY/items")).resolve("a.safetensors");
        Files.writeString(file, "half written");
        IOException e = assertThrows(IOException.class, () -> FeatureFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("delete the cache folder "
                + tmp.resolve("cache/KEY")), e.getMessage());
    }

    /** IEEE 754 binary16 to float, written out independently of the code under test. */
    private static float halfToFloat(short h) {
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        float magnitude = exp == 0 ? mant * 0x1p-24f
                : exp == 31 ? Float.POSITIVE_INFINITY
                : (1 + mant / 1024f) * (float) Math.pow(2, exp - 15);
        return (h & 0x8000) != 0 ? -magnitude : magnitude;
    }
}
