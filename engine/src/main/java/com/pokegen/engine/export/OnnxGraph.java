package com.pokegen.engine.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model (onnx.proto, IR version ≥ 3) that weight conversion needs: the
 * graph's nodes (their wiring) and its initializers (the weights). Field numbers:
 * ModelProto.graph = 7; GraphProto.node = 1, initializer = 5; NodeProto.input = 1, output = 2,
 * name = 3, op_type = 4; TensorProto.dims = 1, data_type = 2, float_data = 4, int64_data = 7,
 * name = 8, raw_data = 9, data_location = 14.
 *
 * @param nodes in graph order (ONNX requires topological order)
 * @param initializers by name, in file order
 */
record OnnxGraph(List<Node> nodes, Map<String, Initializer> initializers) {

    /** TensorProto.DataType values this reader decodes. */
    static final int FLOAT = 1;
    static final int INT64 = 7;
    private static final int EXTERNAL = 1;

    /** One operator application. */
    record Node(String name, String opType, List<String> inputs, List<String> outputs) {}

    /**
     * A constant tensor. Exactly one of {@code raw} (little-endian bytes), {@code floatData},
     * {@code int64Data} holds the values, as the writer chose.
     */
    record Initializer(String name, int dataType, long[] dims, ByteBuffer raw, float[] floatData, long[] int64Data) {

        long elementCount() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        /** The values of a FLOAT tensor, row-major. */
        float[] floats(String source) throws IOException {
            if (dataType != FLOAT) {
                throw new IOException(source + ": initializer " + name + " has ONNX data type " + dataType
                        + ", expected FLOAT (1)");
            }
            float[] out = floatData != null ? floatData : new float[raw.remaining() / Float.BYTES];
            if (floatData == null) {
                raw.duplicate().order(raw.order()).asFloatBuffer().get(out);
            }
            if (out.length != elementCount()) {
                throw new IOException(source + ": initializer " + name + " holds " + out.length
                        + " values but its dims " + java.util.Arrays.toString(dims) + " need " + elementCount());
            }
            return out;
        }
    }

    /** Parses a whole {@code .onnx} file held in memory. */
    static OnnxGraph parse(ByteBuffer model, String source) throws IOException {
        ProtoReader m = new ProtoReader(model, source);
        OnnxGraph graph = null;
        while (m.next()) {
            if (m.fieldNumber() == 7) {
                graph = parseGraph(m.message(), source);
            } else {
                m.skip();
            }
        }
        if (graph == null) {
            throw new IOException(source + ": the ONNX model has no graph (ModelProto field 7)");
        }
        return graph;
    }

    private static OnnxGraph parseGraph(ProtoReader g, String source) throws IOException {
        List<Node> nodes = new ArrayList<>();
        Map<String, Initializer> inits = new LinkedHashMap<>();
        while (g.next()) {
            switch (g.fieldNumber()) {
                case 1 -> nodes.add(parseNode(g.message()));
                case 5 -> {
                    Initializer t = parseTensor(g.message(), source);
                    if (inits.put(t.name(), t) != null) {
                        throw new IOException(source + ": two initializers are named " + t.name());
                    }
                }
                default -> g.skip();
            }
        }
        return new OnnxGraph(Collections.unmodifiableList(nodes), Collections.unmodifiableMap(inits));
    }

    private static Node parseNode(ProtoReader n) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String op = "";
        while (n.next()) {
            switch (n.fieldNumber()) {
                case 1 -> inputs.add(n.string());
                case 2 -> outputs.add(n.string());
                case 3 -> name = n.string();
                case 4 -> op = n.string();
                default -> n.skip();
            }
        }
        return new Node(name, op, List.copyOf(inputs), List.copyOf(outputs));
    }

    private static Initializer parseTensor(ProtoReader t, String source) throws IOException {
        List<Long> dims = new ArrayList<>();
        List<Long> int64s = new ArrayList<>();
        FloatList floats = new FloatList();
        int dataType = 0;
        String name = "";
        ByteBuffer raw = null;
        while (t.next()) {
            switch (t.fieldNumber()) {
                case 1 -> t.int64s(dims::add);
                case 2 -> dataType = (int) t.varint();
                case 4 -> readFloats(t, floats);
                case 7 -> t.int64s(int64s::add);
                case 8 -> name = t.string();
                case 9 -> raw = t.bytes();
                case 14 -> {
                    if (t.varint() == EXTERNAL) {
                        throw new IOException(source + ": weights are stored in external files (data_location ="
                                + " EXTERNAL); only self-contained ONNX models are supported");
                    }
                }
                default -> t.skip();
            }
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        float[] fd = raw == null && floats.size > 0 ? floats.toArray() : null;
        long[] id = raw == null && !int64s.isEmpty() ? int64s.stream().mapToLong(Long::longValue).toArray() : null;
        if (raw == null && fd == null && id == null) {
            raw = ByteBuffer.allocate(0); // an empty tensor, or values we never decode
        }
        return new Initializer(name, dataType, d, raw, fd, id);
    }

    /** float_data: packed (one length-delimited run of fixed32) or one fixed32 per occurrence. */
    private static void readFloats(ProtoReader t, FloatList out) throws IOException {
        if (t.wireType() == ProtoReader.FIXED32) {
            out.add(t.fixed32Float());
            return;
        }
        ByteBuffer b = t.bytes();
        while (b.remaining() >= Float.BYTES) {
            out.add(b.getFloat());
        }
    }

    /** Nodes that read {@code tensor}. */
    List<Node> consumers(String tensor) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.inputs().contains(tensor)) {
                out.add(n);
            }
        }
        return out;
    }

    /** A growable float array (boxing 22M floats would waste memory). */
    private static final class FloatList {
        float[] data = new float[16];
        int size;

        void add(float v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
