package com.pokegen.engine.export.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one ONNX graph (onnx.proto3, IR version 8, default-domain opset {@value #OPSET}) node by
 * node and serialises it as a {@code ModelProto} with {@link ProtoWriter}. Weights come from the
 * engine's parameters by checkpoint key and are stored as the {@link WeightPrecision} asks;
 * every key a network owns must be consumed, so a layer the exporter does not know fails loudly
 * ({@link #requireAllUsed}) instead of being silently dropped.
 *
 * <p>Field numbers (onnx.proto): ModelProto ir_version 1, producer_name 2, producer_version 3,
 * doc_string 6, graph 7, opset_import 8, metadata_props 14; GraphProto node 1, name 2,
 * initializer 5, input 11, output 12; NodeProto input 1, output 2, name 3, op_type 4,
 * attribute 5; AttributeProto name 1, f 2, i 3, s 4, ints 8, type 20; TensorProto dims 1,
 * data_type 2, name 8, raw_data 9; ValueInfoProto name 1, type 2; TypeProto tensor_type 1;
 * TypeProto.Tensor elem_type 1, shape 2; TensorShapeProto dim 1; Dimension dim_value 1,
 * dim_param 2.
 */
final class OnnxGraphBuilder {

    static final int OPSET = 17;
    static final int IR_VERSION = 8;
    static final int FLOAT = 1;
    static final int INT8 = 3;
    static final int INT64 = 7;
    static final int FLOAT16 = 10;

    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_STRING = 3;
    private static final int ATTR_INTS = 7;

    /** One node attribute. */
    record Attr(String name, int type, long i, float f, long[] ints, String s) {
        static Attr i(String name, long v) {
            return new Attr(name, ATTR_INT, v, 0, null, null);
        }

        static Attr f(String name, float v) {
            return new Attr(name, ATTR_FLOAT, 0, v, null, null);
        }

        static Attr ints(String name, long... v) {
            return new Attr(name, ATTR_INTS, 0, 0, v, null);
        }

        static Attr s(String name, String v) {
            return new Attr(name, ATTR_STRING, 0, 0, null, v);
        }

        ProtoWriter proto() {
            ProtoWriter a = new ProtoWriter().string(1, name);
            switch (type) {
                case ATTR_FLOAT -> a.float32(2, f);
                case ATTR_INT -> a.varint(3, i);
                case ATTR_STRING -> a.string(4, s);
                case ATTR_INTS -> {
                    for (long v : ints) {
                        a.varint(8, v); // unpacked, as onnx's own writer emits repeated int64 attributes
                    }
                }
                default -> throw new IllegalStateException("attribute type " + type);
            }
            return a.varint(20, type);
        }
    }

    private final String graphName;
    private final WeightPrecision precision;
    private final Map<String, NDArray> params;
    private final Set<String> used = new LinkedHashSet<>();
    private final NDManager scratch;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final Map<String, String> constants = new LinkedHashMap<>();
    private long storedWeightBytes;
    private int counter;

    /**
     * @param params the network's parameters by checkpoint key (read, never modified)
     * @param scratch a manager for float16 conversion temporaries
     */
    OnnxGraphBuilder(String graphName, WeightPrecision precision, Map<String, NDArray> params, NDManager scratch) {
        this.graphName = graphName;
        this.precision = precision;
        this.params = params;
        this.scratch = scratch;
    }

    WeightPrecision precision() {
        return precision;
    }

    /** A graph input; {@code dims} are Long (fixed) or String (named, dynamic). */
    String input(String name, int elemType, Object... dims) {
        inputs.add(valueInfo(name, elemType, dims));
        return name;
    }

    /** Declares {@code value} (an existing tensor) as a graph output named {@code name}. */
    void output(String value, String name, int elemType, Object... dims) {
        if (!value.equals(name)) {
            node("Identity", List.of(value), List.of(name));
        }
        outputs.add(valueInfo(name, elemType, dims));
    }

    /** Adds a node with one fresh output; returns its name. */
    String op(String opType, List<String> in, Attr... attrs) {
        String out = "t" + counter + "_" + opType;
        node(opType, in, List.of(out), attrs);
        return out;
    }

    /** Adds a node with {@code n} fresh outputs. */
    List<String> opN(String opType, List<String> in, int n, Attr... attrs) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add("t" + counter + "_" + opType + "_" + k);
        }
        node(opType, in, out, attrs);
        return out;
    }

    String op(String opType, String a, Attr... attrs) {
        return op(opType, List.of(a), attrs);
    }

    String op(String opType, String a, String b, Attr... attrs) {
        return op(opType, List.of(a, b), attrs);
    }

    private void node(String opType, List<String> in, List<String> out, Attr... attrs) {
        ProtoWriter n = new ProtoWriter();
        in.forEach(s -> n.string(1, s));
        out.forEach(s -> n.string(2, s));
        n.string(3, "n" + counter++ + "_" + opType).string(4, opType);
        for (Attr a : attrs) {
            n.message(5, a.proto());
        }
        nodes.add(n);
    }

    // ------------------------------------------------------------------------- constants

    /** A float32 constant (kept float32 in every precision: small, exact). */
    String constFloats(float[] values, long... dims) {
        String key = "f" + Arrays.toString(dims) + Arrays.toString(values);
        return constants.computeIfAbsent(key, k -> {
            String name = "const_" + constants.size();
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            initializers.add(tensor(name, FLOAT, dims, b.array()));
            return name;
        });
    }

    String scalar(float v) {
        return constFloats(new float[] {v});
    }

    /** An int64 constant (shapes, axes, pads). */
    String constInts(long... values) {
        String key = "i" + Arrays.toString(values);
        return constants.computeIfAbsent(key, k -> {
            String name = "const_" + constants.size();
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(values);
            initializers.add(tensor(name, INT64, new long[] {values.length}, b.array()));
            return name;
        });
    }

    // --------------------------------------------------------------------------- weights

    /** The engine's parameter {@code key} as a host array; marks it used. */
    float[] values(String key) {
        NDArray a = params.get(key);
        if (a == null) {
            throw new IllegalStateException(graphName + ": the network has no parameter " + key);
        }
        used.add(key);
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    long[] shape(String key) {
        NDArray a = params.get(key);
        if (a == null) {
            throw new IllegalStateException(graphName + ": the network has no parameter " + key);
        }
        return a.getShape().getShape();
    }

    boolean has(String key) {
        return params.containsKey(key);
    }

    /**
     * A conv or linear weight ({@code values} in the layout ONNX reads, {@code dims}) stored in
     * this graph's precision; int8 is quantised per slice along {@code channelAxis} (the output
     * channel). Returns the name of a float32 tensor.
     */
    String weight(String name, float[] values, long[] dims, int channelAxis) {
        switch (precision) {
            case FP32 -> {
                storedWeightBytes += 4L * values.length;
                initializers.add(tensor(name, FLOAT, dims, floatBytes(values)));
                return name;
            }
            case FP16 -> {
                return halfWeight(name, values, dims);
            }
            case INT8 -> {
                Int8Weights q = Int8Weights.quantize(values, dims, channelAxis);
                storedWeightBytes += q.data().length + 4L * q.scales().length;
                initializers.add(tensor(name + "_int8", INT8, dims, q.data()));
                initializers.add(tensor(name + "_scale", FLOAT, new long[] {q.scales().length}, floatBytes(q.scales())));
                initializers.add(tensor(name + "_zero_point", INT8, new long[] {q.scales().length},
                        new byte[q.scales().length]));
                String out = name + "_dq";
                node("DequantizeLinear", List.of(name + "_int8", name + "_scale", name + "_zero_point"), List.of(out),
                        Attr.i("axis", channelAxis));
                return out;
            }
            default -> throw new IllegalStateException(precision.toString());
        }
    }

    /** A bias or normalisation parameter: float32, or float16 + Cast in the fp16 graph. */
    String param(String name, float[] values, long[] dims) {
        if (precision == WeightPrecision.FP16) {
            return halfWeight(name, values, dims);
        }
        storedWeightBytes += 4L * values.length;
        initializers.add(tensor(name, FLOAT, dims, floatBytes(values)));
        return name;
    }

    private String halfWeight(String name, float[] values, long[] dims) {
        byte[] half;
        try (NDArray f = scratch.create(values); NDArray h = f.toType(DataType.FLOAT16, false)) {
            half = h.toByteArray(); // libtorch's round-to-nearest-even
        }
        storedWeightBytes += half.length;
        initializers.add(tensor(name + "_fp16", FLOAT16, dims, half));
        String out = name + "_f32";
        node("Cast", List.of(name + "_fp16"), List.of(out), Attr.i("to", FLOAT));
        return out;
    }

    /** Bytes the weights take in the file (raw data only). */
    long storedWeightBytes() {
        return storedWeightBytes;
    }

    /**
     * Fails when a parameter of the network was never read: the exporter met a layer it does
     * not translate, and the graph would compute something else.
     */
    void requireAllUsed(String what) {
        List<String> left = new ArrayList<>();
        for (String k : params.keySet()) {
            if (!used.contains(k)) {
                left.add(k);
            }
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException(what + ": ONNX export does not support the layer(s) holding "
                    + left.subList(0, Math.min(5, left.size())) + (left.size() > 5 ? " (+" + (left.size() - 5)
                    + " more)" : "") + "; nothing was written");
        }
    }

    // ---------------------------------------------------------------------------- output

    /** The serialised {@code ModelProto}. */
    byte[] toModelBytes(String producerVersion, String docString, Map<String, String> metadata) {
        ProtoWriter g = new ProtoWriter();
        nodes.forEach(n -> g.message(1, n));
        g.string(2, graphName);
        initializers.forEach(t -> g.message(5, t));
        inputs.forEach(v -> g.message(11, v));
        outputs.forEach(v -> g.message(12, v));
        ProtoWriter m = new ProtoWriter().varint(1, IR_VERSION).string(2, "pokegen").string(3, producerVersion)
                .string(6, docString).message(7, g).message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
        metadata.forEach((k, v) -> m.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return m.toByteArray();
    }

    private static ProtoWriter tensor(String name, int dataType, long[] dims, byte[] raw) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, dataType).string(8, name).bytes(9, raw);
    }

    private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof String s) {
                dim.string(2, s);
            } else {
                dim.varint(1, ((Number) d).longValue());
            }
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    static byte[] floatBytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }
}
