package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;
import com.pokegen.engine.model.nn.StateDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * transformers' {@code BertModel} (Devlin et al., 2019): embeddings, a stack of post-LN encoder
 * layers with a padding mask, and the pooler (tanh(W·h_[CLS] + b)). Used to run MiniLM from
 * real weights (an exported folder's {@code text_encoder/}) instead of the bundled ONNX file.
 * Keys equal transformers' ({@code embeddings.word_embeddings.weight},
 * {@code encoder.layer.0.attention.self.query.weight}, {@code pooler.dense.bias}).
 */
public final class BertModel extends Module {

    /** Prefix of checkpoints saved from task models ({@code BertForX.bert}). */
    public static final String TASK_PREFIX = "bert.";
    /** Buffers some checkpoints carry; they hold no learned values. */
    public static final Set<String> BUFFERS = Set.of("embeddings.position_ids", "embeddings.token_type_ids");

    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final Encoder encoder;
    private final Pooler pooler;

    public BertModel(BertConfig config) {
        this.config = config;
        embeddings = child("embeddings", new BertEmbeddings(config));
        encoder = child("encoder", new Encoder(config));
        pooler = child("pooler", new Pooler(config));
    }

    public BertConfig config() {
        return config;
    }

    /**
     * {@code last_hidden_state}.
     *
     * @param inputIds integer ids (B, L), L ≤ max_position_embeddings
     * @param attentionMask (B, L), 1 for real tokens, 0 for padding; null = none (padding attended)
     * @return (B, L, D) attached to {@code inputIds}' manager; temporaries are freed
     */
    public NDArray forward(NDArray inputIds, NDArray attentionMask) {
        checkIds(inputIds);
        NDManager out = inputIds.getManager();
        try (NDScope scope = new NDScope()) {
            NDArray mask = attentionMask == null ? null : additiveMask(attentionMask); // (B, 1, 1, L)
            NDArray h = embeddings.forward(inputIds); // (B, L, D)
            for (BertLayer layer : encoder.layers.items()) {
                h = layer.forward(h, mask);
            }
            NDScope.unregister(h);
            h.attach(out);
            return h;
        }
    }

    /** {@code pooler_output}: tanh(dense(h[:, 0])), (B, L, D) -> (B, D). */
    public NDArray pool(NDArray lastHiddenState) {
        return pooler.forward(lastHiddenState);
    }

    /** (B, L) of {0, 1} -> (B, 1, 1, L) of {finfo.min, 0}, as transformers extends the mask. */
    private static NDArray additiveMask(NDArray attentionMask) {
        Shape s = attentionMask.getShape();
        return attentionMask.toType(DataType.FLOAT32, false).neg().add(1f).mul(-Float.MAX_VALUE)
                .reshape(s.get(0), 1, 1, s.get(1));
    }

    private void checkIds(NDArray inputIds) {
        Shape shape = inputIds.getShape();
        if (shape.dimension() != 2 || shape.get(1) > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("input_ids must be (B, L) with L ≤ "
                    + config.maxPositionEmbeddings() + ", got " + shape);
        }
        long[] ids;
        if (inputIds.getDataType() == DataType.INT64) {
            ids = inputIds.toLongArray();
        } else {
            try (NDArray converted = inputIds.toType(DataType.INT64, true)) {
                ids = converted.toLongArray();
            }
        }
        for (long id : ids) {
            if (id < 0 || id >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (size "
                        + config.vocabSize() + "); does the tokenizer match this text encoder?");
            }
        }
    }

    /** Drops the {@code bert.} prefix and buffers; other keys pass through. */
    public static Map<String, NDArray> normalizeCheckpointKeys(Map<String, NDArray> tensors) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            String key = k.startsWith(TASK_PREFIX) ? k.substring(TASK_PREFIX.length()) : k;
            if (!BUFFERS.contains(key)) {
                out.put(key, v);
            }
        });
        return out;
    }

    /** Loads a transformers folder ({@code config.json} + {@code model.safetensors}); keys must match exactly. */
    public static BertModel load(Path folder, NDManager manager) throws IOException {
        BertConfig config = BertConfig.read(folder.resolve("config.json"));
        Path weights = folder.resolve("model.safetensors");
        if (!Files.isRegularFile(weights)) {
            throw new IOException(weights + " not found: the BERT text encoder folder needs its weights as"
                    + " model.safetensors");
        }
        BertModel model = new BertModel(config);
        model.initialize(manager);
        try (NDManager tmp = manager.newSubManager()) {
            StateDict.load(model, normalizeCheckpointKeys(Safetensors.read(weights, tmp)), true, weights.toString());
        }
        return model;
    }

    /** {@code encoder}: the layers under {@code encoder.layer.N}. */
    static final class Encoder extends Module {
        private final ModuleList<BertLayer> layers;

        Encoder(BertConfig config) {
            layers = child("layer", new ModuleList<>());
            for (int i = 0; i < config.numHiddenLayers(); i++) {
                layers.add(new BertLayer(config));
            }
        }
    }

    /** {@code pooler}: tanh of a dense layer on the first ([CLS]) token. */
    static final class Pooler extends Module {
        private final Linear dense;

        Pooler(BertConfig config) {
            dense = child("dense", new Linear(config.hiddenSize(), config.hiddenSize()));
        }

        /** (B, L, D) -> (B, D) */
        NDArray forward(NDArray h) {
            try (NDArray first = h.get(new NDIndex(":, 0, :")); NDArray y = dense.forward(first)) {
                return y.tanh();
            }
        }
    }
}
