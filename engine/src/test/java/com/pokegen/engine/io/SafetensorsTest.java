package com.pokegen.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    static final Path VAE_IO = FIXTURES.resolve("parity/vae_tiny/io.safetensors");
    static final Path PIPELINE_VAE = FIXTURES.resolve("pipeline_tiny/pipeline/vae/diffusion_pytorch_model.safetensors");

    @TempDir
    Path tmp;

    NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** An array holding {@code n} random elements' worth of bytes (0/1 for booleans). */
    static NDArray randomArray(NDManager m, Random rng, DataType type, Shape shape) {
        int n = Math.toIntExact(shape.size() * type.getNumOfBytes());
        byte[] bytes = new byte[n];
        rng.nextBytes(bytes);
        if (type == DataType.BOOLEAN) {
            for (int i = 0; i < n; i++) {
                bytes[i] &= 1;
            }
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN).put(bytes).flip();
        return m.create(buf, shape, type).duplicate();
    }

    static byte[] bytesOf(NDArray a) {
        ByteBuffer b = a.toByteBuffer();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void everyDtypeRoundTripsBitExact() throws IOException {
        Random rng = new Random(7);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (SafetensorsDtype d : SafetensorsDtype.values()) {
            if (!d.isWidened()) { // BF16 and I16: see the two tests below
                tensors.put("t." + d.code(), randomArray(manager, rng, d.loadedType(), new Shape(3, 5)));
            }
        }
        tensors.put("scalar", randomArray(manager, rng, DataType.FLOAT32, new Shape()));
        tensors.put("empty", manager.zeros(new Shape(0, 4), DataType.FLOAT32));
        Path file = tmp.resolve("all.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt", "note", "ünïcode"));

        Map<String, NDArray> back = Safetensors.read(file, manager);
        assertEquals(tensors.keySet(), back.keySet());
        for (String name : tensors.keySet()) {
            NDArray want = tensors.get(name);
            NDArray got = back.get(name);
            assertEquals(want.getDataType(), got.getDataType(), name);
            assertEquals(want.getShape(), got.getShape(), name);
            assertArrayEquals(bytesOf(want), bytesOf(got), name);
        }
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Map.of("format", "pt", "note", "ünïcode"), f.metadata());
        }
    }

    /** Every bf16 bit pattern class (normal, subnormal, ±0, ±inf, NaNs) widens exactly and narrows back unchanged. */
    @Test
    void bf16LoadsAsExactFloat32AndWritesBackBitExact() throws IOException {
        Random rng = new Random(3);
        short[] bits = new short[512];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (short) rng.nextInt(1 << 16);
        }
        short[] special = {0x0000, (short) 0x8000, 0x7F80, (short) 0xFF80, 0x7FC0, 0x7F81, 0x0001, 0x3F80};
        System.arraycopy(special, 0, bits, 0, special.length);
        ByteBuffer data = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short b : bits) {
            data.putShort(b);
        }
        Path file = handMade("bf16.safetensors", "{" + entry("w", "BF16", "[16,32]", 0, 1024) + "}", data.array());

        NDArray w = Safetensors.read(file, manager).get("w");
        assertEquals(DataType.FLOAT32, w.getDataType());
        assertEquals(new Shape(16, 32), w.getShape());
        float[] f = w.toFloatArray();
        for (int i = 0; i < bits.length; i++) {
            assertEquals((bits[i] & 0xFFFF) << 16, Float.floatToRawIntBits(f[i]), "element " + i);
        }
        Path back = tmp.resolve("bf16-back.safetensors");
        SafetensorsWriter.builder().optDtype(DataType.BFLOAT16).build().write(back, Map.of("w", w));
        byte[] raw = Files.readAllBytes(back);
        assertArrayEquals(data.array(), java.util.Arrays.copyOfRange(raw, raw.length - 1024, raw.length));
        try (SafetensorsFile g = SafetensorsFile.open(back)) {
            assertEquals(SafetensorsDtype.BF16, g.info("w").dtype());
        }
    }

    /** Narrowing rounds to nearest, ties to even, like libtorch. */
    @Test
    void bf16NarrowingRoundsToNearestEven() {
        assertEquals((short) 0x3F80, Bfloat16.fromFloatBits(0x3F808000)); // tie, even stays
        assertEquals((short) 0x3F82, Bfloat16.fromFloatBits(0x3F818000)); // tie, odd rounds up
        assertEquals((short) 0x3F81, Bfloat16.fromFloatBits(0x3F808001)); // above the tie
        assertEquals((short) 0x7F80, Bfloat16.fromFloatBits(Float.floatToRawIntBits(Float.MAX_VALUE))); // to +inf
        assertTrue(Float.isNaN(Float.intBitsToFloat(Bfloat16.toFloatBits(Bfloat16.fromFloatBits(0x7F800001)))));
    }

    @Test
    void i16LoadsSignExtendedAsInt32() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) -32768).putShort((short) -1).putShort((short) 0).putShort((short) 32767);
        Path file = handMade("i16.safetensors", "{" + entry("i", "I16", "[2,2]", 0, 8) + "}", data.array());
        NDArray i = Safetensors.read(file, manager).get("i");
        assertEquals(DataType.INT32, i.getDataType());
        assertArrayEquals(new int[] {-32768, -1, 0, 32767}, i.toIntArray());
    }

    @Test
    void headerIsLaidOutLikeTheReferenceWriter() throws IOException {
        Random rng = new Random(1);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("b", randomArray(manager, rng, DataType.UINT8, new Shape(3)));
        tensors.put("a", randomArray(manager, rng, DataType.FLOAT16, new Shape(1)));
        tensors.put("c", randomArray(manager, rng, DataType.FLOAT32, new Shape(2)));
        tensors.put("d", randomArray(manager, rng, DataType.INT64, new Shape(1)));
        Path file = tmp.resolve("order.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt"));

        byte[] raw = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(raw, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(raw, 8, (int) n, StandardCharsets.UTF_8);
        // Descending alignment rank (I64 > F32 > F16 > U8), metadata first, spaces as padding.
        String expected = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"d\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"c\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[16,18]},"
                + "\"b\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[18,21]}}";
        assertEquals(expected, header.stripTrailing());
        assertTrue(header.substring(expected.length()).chars().allMatch(c -> c == ' '));
        assertEquals(8 + n + 21, raw.length);
    }

    /** Files written by Python's safetensors come back byte for byte when we rewrite them. */
    @Test
    void rewritingReferenceFilesIsByteIdentical() throws IOException {
        for (Path source : List.of(VAE_IO, PIPELINE_VAE)) {
            Path copy = tmp.resolve(source.getFileName());
            try (SafetensorsFile f = SafetensorsFile.open(source)) {
                Safetensors.write(copy, f.loadAll(manager), f.metadata());
            }
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(copy), source.toString());
        }
    }

    @Test
    void readsTheVaeFixtureWithKnownValues() throws IOException {
        Map<String, NDArray> io = Safetensors.read(VAE_IO, manager);
        assertEquals(List.of("decoded", "image", "latents", "posterior_logvar", "posterior_mean"), List.copyOf(io.keySet()));
        NDArray image = io.get("image");
        assertEquals(new Shape(2, 3, 16, 16), image.getShape());
        assertEquals(DataType.FLOAT32, image.getDataType());
        float[] v = image.toFloatArray();
        // Values read with Python's struct module from the same bytes.
        assertEquals(-0.007496953010559082f, v[0]);
        assertEquals(-0.7813985347747803f, v[1]);
        assertEquals(new Shape(2, 4, 8, 8), io.get("latents").getShape());
    }

    @Test
    void headerOnlyApiDescribesTensorsWithoutLoading() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(PIPELINE_VAE)) {
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertEquals(124, f.names().size());
            TensorInfo conv = f.info("decoder.conv_in.weight");
            assertEquals(SafetensorsDtype.F32, conv.dtype());
            assertEquals(new Shape(32, 4, 3, 3), conv.shape());
            assertEquals(32 * 4 * 3 * 3 * 4, conv.byteLength());
            NDArray bias = f.load("decoder.conv_in.bias", manager);
            assertEquals(new Shape(32), bias.getShape());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.info("nope"));
            assertTrue(e.getMessage().contains("nope"));
        }
    }

    /** Loaded arrays own their memory: writable in place and independent of the (deleted) file. */
    @Test
    void loadedArraysAreIndependentOfTheFile() throws IOException {
        Path file = tmp.resolve("x.safetensors");
        Safetensors.write(file, Map.of("x", manager.create(new float[] {1, 2, 3})), Map.of());
        NDArray x = Safetensors.read(file, manager).get("x");
        Files.delete(file);
        x.addi(1); // would fault if the array still aliased the read-only mapping
        assertArrayEquals(new float[] {2, 3, 4}, x.toFloatArray());
    }

    @Test
    void optDtypeStoresHalfPrecisionAndKeepsIntegers() throws IOException {
        NDArray w = manager.create(new float[] {1.0f, -2.5f, 3.14159f, 65504f, 1e-8f});
        NDArray ids = manager.create(new long[] {1, 2, 3});
        for (DataType half : List.of(DataType.FLOAT16, DataType.BFLOAT16)) {
            Path file = tmp.resolve(half + ".safetensors");
            SafetensorsWriter.builder().optDtype(half).build().write(file, Map.of("w", w, "ids", ids));
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertEquals(half == DataType.FLOAT16 ? SafetensorsDtype.F16 : SafetensorsDtype.BF16, f.info("w").dtype());
                assertEquals(SafetensorsDtype.I64, f.info("ids").dtype());
                float[] want = half == DataType.FLOAT16
                        ? w.toType(half, false).toType(DataType.FLOAT32, false).toFloatArray()
                        : new float[] {1.0f, -2.5f, 3.140625f, 65536f, Float.intBitsToFloat(0x322C0000)}; // RNE to 8 bits
                assertArrayEquals(want, f.load("w", manager).toType(DataType.FLOAT32, false).toFloatArray());
                assertArrayEquals(new long[] {1, 2, 3}, f.load("ids", manager).toLongArray());
            }
            assertEquals(8 + 5 * 2 + 3 * 8, Files.size(file) - headerLength(file));
        }
    }

    static long headerLength(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        return ByteBuffer.wrap(raw, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTempFiles() throws IOException {
        Path file = tmp.resolve("w.safetensors");
        Safetensors.write(file, Map.of("a", manager.create(new float[] {1})), Map.of());
        Safetensors.write(file, Map.of("b", manager.create(new float[] {2})), Map.of());
        assertEquals(List.of("b"), Safetensors.read(file, manager).keySet().stream().toList());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writerRefusesUnsupportedTypesAndReservedNames() {
        Path file = tmp.resolve("bad.safetensors");
        NDArray ok = manager.create(new float[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.write(file, Map.of("__metadata__", ok), Map.of()));
        assertTrue(e.getMessage().contains("__metadata__"));
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.builder().optDtype(DataType.INT32).build());
        assertTrue(Files.notExists(file));
    }

    // ---- hostile files --------------------------------------------------------------------

    /** 8-byte length, the header, then {@code dataBytes} zero bytes. */
    Path handMade(String name, String header, int dataBytes) throws IOException {
        return handMade(name, header, new byte[dataBytes]);
    }

    Path handMade(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path file = tmp.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + ","
                + end + "]}";
    }

    /** The read fails with our exception, naming the file and every given fragment. */
    void assertRefused(Path file, String... fragments) {
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(file, manager));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void hugeHeaderLengthIsRefusedWithoutAllocating() throws IOException {
        Path file = handMade("huge.safetensors", "{}", 0);
        byte[] raw = Files.readAllBytes(file);
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        Files.write(file, raw);
        assertRefused(file, "header length", "1099511627776");
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000); // < cap, > file
        Files.write(file, raw);
        assertRefused(file, "runs past the end of the file", "truncated");
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -5);
        Files.write(file, raw);
        assertRefused(file, "header length");
    }

    @Test
    void offsetsPastTheEndAreRefused() throws IOException {
        assertRefused(handMade("past.safetensors", "{" + entry("w.weight", "F32", "[4]", 0, 16) + "}", 8),
                "'w.weight'", "run past the end", "truncated");
    }

    @Test
    void overlappingTensorsAreRefused() throws IOException {
        String h = "{" + entry("first", "F32", "[2]", 0, 8) + "," + entry("second", "F32", "[2]", 4, 12) + "}";
        assertRefused(handMade("overlap.safetensors", h, 12), "'second'", "overlap", "'first'");
    }

    @Test
    void gapsAndTrailingBytesAreRefused() throws IOException {
        String gap = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}";
        assertRefused(handMade("gap.safetensors", gap, 12), "'b'", "gap");
        assertRefused(handMade("trail.safetensors", "{" + entry("a", "F32", "[1]", 0, 4) + "}", 9), "trailing");
    }

    @Test
    void duplicateNamesAreRefused() throws IOException {
        String h = "{" + entry("dup.bias", "F32", "[1]", 0, 4) + "," + entry("dup.bias", "F32", "[1]", 4, 8) + "}";
        assertRefused(handMade("dup.safetensors", h, 8), "'dup.bias'", "twice");
        String field = "{\"x\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertRefused(handMade("dupfield.safetensors", field, 4), "'x'", "'dtype' appears twice");
    }

    @Test
    void shapeSizeMismatchIsRefused() throws IOException {
        assertRefused(handMade("mismatch.safetensors", "{" + entry("m", "F32", "[3]", 0, 8) + "}", 8),
                "'m'", "needs 12 bytes", "hold 8");
    }

    @Test
    void negativeAndOverflowingDimsAreRefused() throws IOException {
        assertRefused(handMade("neg.safetensors", "{" + entry("n", "F32", "[-1,4]", 0, 16) + "}", 16), "'n'", "negative");
        String big = "[4294967296,4294967296,4294967296]";
        assertRefused(handMade("ovf.safetensors", "{" + entry("o", "F32", big, 0, 16) + "}", 16), "'o'", "more elements");
        assertRefused(handMade("float.safetensors", "{" + entry("f", "F32", "[2.5]", 0, 16) + "}", 16), "'f'", "integers");
    }

    @Test
    void unsupportedDtypeAndMalformedEntriesAreRefused() throws IOException {
        assertRefused(handMade("f8.safetensors", "{" + entry("q", "F8_E4M3", "[4]", 0, 4) + "}", 4), "'q'", "F8_E4M3");
        assertRefused(handMade("noshape.safetensors", "{\"s\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4), "'s'", "shape");
        assertRefused(handMade("array.safetensors", "[1,2]", 0), "JSON object");
        assertRefused(handMade("garbage.safetensors", "{\"a\":", 0), "not valid JSON");
        assertRefused(handMade("meta.safetensors", "{\"__metadata__\":{\"k\":1}}", 0), "__metadata__", "'k'");
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        Path file = tmp.resolve("t.safetensors");
        Safetensors.write(file, Map.of("weight", manager.create(new float[] {1, 2, 3, 4})), Map.of());
        byte[] raw = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(raw, raw.length - 3));
        assertRefused(file, "'weight'", "truncated");
        Files.write(file, java.util.Arrays.copyOf(raw, 20));
        assertRefused(file, "truncated");
        Files.write(file, java.util.Arrays.copyOf(raw, 5));
        assertRefused(file, "too short");
    }

    // ---- fuzz -----------------------------------------------------------------------------

    /**
     * Thousands of seeded random corruptions of a valid file (header bytes, digits, length
     * field, truncation, insertion). Each read either fails with {@link SafetensorsFormatException}
     * naming the file, or succeeds with tensors that match their header and the file's bytes.
     */
    @Test
    void fuzzedFilesFailCleanlyOrLoadConsistently() throws IOException {
        Random rng = new Random(20240611);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("conv.weight", randomArray(manager, rng, DataType.FLOAT32, new Shape(2, 3)));
        tensors.put("conv.bias", randomArray(manager, rng, DataType.FLOAT16, new Shape(2)));
        tensors.put("ids", randomArray(manager, rng, DataType.INT64, new Shape(3)));
        tensors.put("mask", randomArray(manager, rng, DataType.BOOLEAN, new Shape(5)));
        tensors.put("empty", manager.zeros(new Shape(0), DataType.FLOAT32));
        Path valid = tmp.resolve("valid.safetensors");
        Safetensors.write(valid, tensors, Map.of("format", "pt"));
        byte[] original = Files.readAllBytes(valid);
        int headerEnd = 8 + (int) headerLength(valid);

        Path file = tmp.resolve("fuzz.safetensors");
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < 4000; i++) {
            byte[] mutated = mutate(original, headerEnd, rng);
            Files.write(file, mutated);
            try (NDManager scope = manager.newSubManager()) {
                Map<String, NDArray> got;
                try {
                    got = Safetensors.read(file, scope);
                } catch (SafetensorsFormatException e) {
                    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                    refused++;
                    continue;
                } catch (Throwable t) {
                    throw new AssertionError("iteration " + i + ": " + t, t);
                }
                assertConsistent(file, mutated, got);
                loaded++;
            }
        }
        assertEquals(4000, loaded + refused);
        assertTrue(refused > 1000 && loaded > 50, "loaded " + loaded + ", refused " + refused);
    }

    private static byte[] mutate(byte[] original, int headerEnd, Random rng) {
        byte[] b = original.clone();
        int kind = rng.nextInt(6);
        switch (kind) {
            case 0: // random byte in the header JSON
                b[8 + rng.nextInt(headerEnd - 8)] = (byte) rng.nextInt(256);
                return b;
            case 1: { // change a digit, keeping the JSON well-formed more often than not
                List<Integer> digits = new ArrayList<>();
                for (int i = 8; i < headerEnd; i++) {
                    if (Character.isDigit(b[i])) {
                        digits.add(i);
                    }
                }
                b[digits.get(rng.nextInt(digits.size()))] = (byte) ('0' + rng.nextInt(10));
                return b;
            }
            case 2: // length field
                b[rng.nextInt(8)] = (byte) rng.nextInt(256);
                return b;
            case 3: // truncation
                return java.util.Arrays.copyOf(b, rng.nextInt(b.length));
            case 4: { // insert a byte into the header
                int at = 8 + rng.nextInt(headerEnd - 8);
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) "{}[],:\"0123456789-. e".charAt(rng.nextInt(21));
                System.arraycopy(b, at, out, at + 1, b.length - at);
                return out;
            }
            default: // several at once
                byte[] out = mutate(b, headerEnd, rng);
                return out.length >= headerEnd ? mutate(out, headerEnd, rng) : out;
        }
    }

    private static void assertConsistent(Path file, byte[] raw, Map<String, NDArray> got) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(f.names(), List.copyOf(got.keySet()));
            long dataStart = 8 + ByteBuffer.wrap(raw, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            for (TensorInfo info : f.infos().values()) {
                NDArray a = got.get(info.name());
                assertEquals(info.shape(), a.getShape());
                assertEquals(info.dtype().loadedType(), a.getDataType());
                byte[] want = java.util.Arrays.copyOfRange(raw, (int) (dataStart + info.begin()), (int) (dataStart + info.end()));
                if (!info.dtype().isWidened() && info.dtype() != SafetensorsDtype.BOOL) { // libtorch may normalise booleans
                    assertArrayEquals(want, bytesOf(a), info.name());
                }
            }
        }
    }
}
