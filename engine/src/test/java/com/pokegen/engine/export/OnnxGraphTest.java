package com.pokegen.engine.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protobuf-free ONNX reader on hand-encoded messages (every encoding a writer may choose). */
class OnnxGraphTest {

    // ---- a minimal protobuf encoder, written from the wire-format spec

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] key(int field, int wire) {
        return varint(((long) field << 3) | wire);
    }

    private static byte[] intField(int field, long v) {
        return cat(key(field, 0), varint(v));
    }

    private static byte[] bytesField(int field, byte[] v) {
        return cat(key(field, 2), varint(v.length), v);
    }

    private static byte[] str(int field, String s) {
        return bytesField(field, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] floatsLe(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static byte[] node(String name, String op, List<String> in, List<String> out) {
        byte[] b = cat(str(3, name), str(4, op));
        for (String i : in) {
            b = cat(b, str(1, i));
        }
        for (String o : out) {
            b = cat(b, str(2, o));
        }
        return bytesField(1, b);
    }

    private static OnnxGraph model(byte[]... graphFields) throws IOException {
        byte[] graph = cat(graphFields);
        byte[] model = cat(intField(1, 8), str(2, "test"), bytesField(7, graph), bytesField(8, intField(2, 17)));
        return OnnxGraph.parse(ByteBuffer.wrap(model), "test.onnx");
    }

    @Test
    void readsRawPackedAndUnpackedEncodings() throws IOException {
        byte[] raw = bytesField(5, cat(intField(1, 2), intField(1, 3), intField(2, 1), str(8, "raw"),
                bytesField(9, floatsLe(1, 2, 3, 4, 5, 6))));
        byte[] packedDims = cat(varint(3), varint(300)); // 300 needs two varint bytes
        byte[] typed = bytesField(5, cat(bytesField(1, varint(2)), intField(2, 1), str(8, "float_data"),
                bytesField(4, floatsLe(-1.5f, 2.25f))));
        byte[] unpackedFloats = bytesField(5, cat(intField(1, 2), intField(2, 1), str(8, "unpacked"),
                key(4, 5), floatsLe(7f), key(4, 5), floatsLe(8f)));
        byte[] ints = bytesField(5, cat(bytesField(1, packedDims), intField(2, 7), str(8, "ids")));
        OnnxGraph g = model(node("/a/MatMul", "MatMul", List.of("x", "raw"), List.of("y")), raw, typed,
                unpackedFloats, ints);
        assertEquals(1, g.nodes().size());
        assertEquals(List.of("x", "raw"), g.nodes().get(0).inputs());
        assertArrayEquals(new long[] {2, 3}, g.initializers().get("raw").dims());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, g.initializers().get("raw").floats("t"));
        assertArrayEquals(new float[] {-1.5f, 2.25f}, g.initializers().get("float_data").floats("t"));
        assertArrayEquals(new float[] {7f, 8f}, g.initializers().get("unpacked").floats("t"));
        assertArrayEquals(new long[] {3, 300}, g.initializers().get("ids").dims());
        assertEquals(OnnxGraph.INT64, g.initializers().get("ids").dataType());
    }

    @Test
    void rejectsTruncatedFilesExternalDataAndMissingGraph() {
        byte[] tensor = bytesField(5, cat(intField(1, 2), intField(2, 1), str(8, "w"), bytesField(9, floatsLe(1, 2))));
        byte[] model = cat(intField(1, 8), bytesField(7, tensor));
        byte[] cut = java.util.Arrays.copyOf(model, model.length - 3);
        IOException e = assertThrows(IOException.class, () -> OnnxGraph.parse(ByteBuffer.wrap(cut), "cut.onnx"));
        assertTrue(e.getMessage().startsWith("cut.onnx: not a valid ONNX"), e.getMessage());

        byte[] external = bytesField(5, cat(intField(1, 2), intField(2, 1), str(8, "w"), intField(14, 1)));
        e = assertThrows(IOException.class, () -> model(external));
        assertTrue(e.getMessage().contains("external"), e.getMessage());

        e = assertThrows(IOException.class, () -> OnnxGraph.parse(ByteBuffer.wrap(intField(1, 8)), "empty.onnx"));
        assertTrue(e.getMessage().contains("no graph"), e.getMessage());
    }

    @Test
    void floatCountMustMatchDims() throws IOException {
        OnnxGraph g = model(bytesField(5, cat(intField(1, 3), intField(2, 1), str(8, "w"), bytesField(9, floatsLe(1, 2)))));
        IOException e = assertThrows(IOException.class, () -> g.initializers().get("w").floats("m.onnx"));
        assertTrue(e.getMessage().contains("initializer w holds 2 values"), e.getMessage());
    }

    @Test
    void scopeNamesMapToModulePaths() {
        assertEquals("encoder.layer.0.attention.self.query",
                MiniLmConversion.scopeName("/encoder/layer.0/attention/self/query/MatMul"));
        assertEquals("encoder.layer.5.output.dense", MiniLmConversion.scopeName("/encoder/layer.5/output/dense/MatMul"));
        assertNull(MiniLmConversion.scopeName("MatMul_12"));
        assertNull(MiniLmConversion.scopeName("/MatMul"));
    }

    @Test
    void disagreeingBiasAndScopeAreAnError() throws IOException {
        byte[] w = bytesField(5, cat(intField(1, 2), intField(1, 2), intField(2, 1), str(8, "onnx::MatMul_1"),
                bytesField(9, floatsLe(1, 2, 3, 4))));
        byte[] b = bytesField(5, cat(intField(1, 2), intField(2, 1), str(8, "encoder.layer.0.attention.self.key.bias"),
                bytesField(9, floatsLe(0, 0))));
        OnnxGraph g = model(
                node("/encoder/layer.0/attention/self/query/MatMul", "MatMul", List.of("x", "onnx::MatMul_1"), List.of("m")),
                node("/encoder/layer.0/attention/self/query/Add", "Add",
                        List.of("encoder.layer.0.attention.self.key.bias", "m"), List.of("y")),
                w, b);
        IOException e = assertThrows(IOException.class, () -> MiniLmConversion.toBert(g,
                com.pokegen.engine.model.text.BertConfig.MINILM_L6_V2, "bad.onnx"));
        assertTrue(e.getMessage().contains("adds bias of encoder.layer.0.attention.self.key"), e.getMessage());
    }
}
