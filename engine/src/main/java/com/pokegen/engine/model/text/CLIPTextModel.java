package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.LayerNorm;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.StateDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * transformers' {@code CLIPTextModel}: the causal text transformer of CLIP (Radford et al.,
 * 2021, §2.4), as used by Stable Diffusion 1.x (ViT-L/14, quick_gelu) and 2.x (OpenCLIP ViT-H,
 * gelu).
 *
 * <p>Parameter keys equal those transformers ≥ 5 writes ({@code embeddings.token_embedding.weight},
 * {@code encoder.layers.N.self_attn.q_proj.weight}, {@code final_layer_norm.weight}); older
 * checkpoints prefix them with {@code text_model.} and carry an {@code embeddings.position_ids}
 * buffer, which {@link #normalizeCheckpointKeys} removes.
 */
public final class CLIPTextModel extends Module {

    /** Prefix transformers 4.x puts before every key. */
    public static final String LEGACY_PREFIX = "text_model.";
    /** A buffer (0..L-1) older checkpoints store; it holds no learned values. */
    public static final String POSITION_IDS_BUFFER = "embeddings.position_ids";

    private static final float MASKED = -1e9f;

    private final CLIPTextConfig config;
    private final CLIPTextEmbeddings embeddings;
    private final CLIPEncoder encoder;
    private final LayerNorm finalLayerNorm;

    /** Builds the module tree; nothing is allocated until {@link #initialize(NDManager)}. */
    public CLIPTextModel(CLIPTextConfig config) {
        this.config = config;
        embeddings = child("embeddings", new CLIPTextEmbeddings(config));
        encoder = child("encoder", new CLIPEncoder(config));
        finalLayerNorm =
                child("final_layer_norm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
    }

    public CLIPTextConfig config() {
        return config;
    }

    /** Runs without a padding mask, as Stable Diffusion pipelines do. */
    public CLIPTextOutput forward(NDArray inputIds) {
        return forward(inputIds, null);
    }

    /**
     * @param inputIds integer ids (B, L), L ≤ max_position_embeddings
     * @param attentionMask optional (B, L), 1 for real tokens and 0 for padding; null = none
     * @return arrays attached to {@code inputIds}' manager; temporaries are freed
     */
    public CLIPTextOutput forward(NDArray inputIds, NDArray attentionMask) {
        long[] ids = longs(inputIds);
        Shape shape = inputIds.getShape();
        checkIds(ids, shape);
        int b = (int) shape.get(0);
        int len = (int) shape.get(1);
        NDManager out = inputIds.getManager();
        try (NDScope scope = new NDScope()) {
            NDArray mask = additiveMask(out, len, attentionMask); // (1 or B, 1, L, L)
            List<NDArray> hidden = new ArrayList<>();
            NDArray h = embeddings.forward(inputIds); // (B, L, D)
            hidden.add(h);
            for (CLIPEncoderLayer layer : encoder.layers().items()) {
                h = layer.forward(h, mask);
                hidden.add(h);
            }
            NDArray last = finalLayerNorm.forward(h);
            NDArray pooled = gatherEos(last, ids, b, len); // (B, D)
            NDList keep = new NDList(hidden);
            keep.add(last);
            keep.add(pooled);
            NDScope.unregister(keep);
            keep.attach(out);
            return new CLIPTextOutput(last, hidden, pooled);
        }
    }

    /** {@code final_layer_norm} alone, for diffusers' clip_skip: (B, L, D) -> (B, L, D). */
    public NDArray applyFinalLayerNorm(NDArray hidden) {
        return finalLayerNorm.forward(hidden);
    }

    private static long[] longs(NDArray a) {
        if (a.getDataType() == DataType.INT64) {
            return a.toLongArray();
        }
        try (NDArray converted = a.toType(DataType.INT64, false)) {
            return converted.toLongArray();
        }
    }

    private void checkIds(long[] ids, Shape shape) {
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("input_ids must be (B, L), got " + shape);
        }
        for (long id : ids) {
            if (id < 0 || id >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (size "
                        + config.vocabSize() + "); does the tokenizer match this text encoder?");
            }
        }
    }

    /** Causal mask (keys after the query are hidden), plus padded keys when a mask is given. */
    private static NDArray additiveMask(NDManager manager, int len, NDArray attentionMask) {
        float[] causal = new float[len * len];
        for (int q = 0; q < len; q++) {
            for (int k = q + 1; k < len; k++) {
                causal[q * len + k] = MASKED;
            }
        }
        NDArray mask = com.pokegen.engine.model.nn.Tensors.owned(manager.create(causal, new Shape(1, 1, len, len)));
        if (attentionMask == null) {
            return mask;
        }
        long b = attentionMask.getShape().get(0);
        // (B, L) of {0,1} -> (B, 1, 1, L) of {MASKED, 0}
        NDArray padding = attentionMask.toType(DataType.FLOAT32, false).sub(1f).mul(-MASKED)
                .reshape(b, 1, 1, len);
        return mask.add(padding);
    }

    /**
     * Row-wise end-of-text position, as transformers picks it: the argmax of the ids when
     * eos_token_id is 2 (configs from before the id was set correctly), otherwise the first id
     * equal to eos_token_id (0 when there is none).
     */
    private NDArray gatherEos(NDArray last, long[] ids, int b, int len) {
        NDArray[] rows = new NDArray[b];
        for (int i = 0; i < b; i++) {
            rows[i] = last.get(i, eosPosition(ids, i * len, len)); // (D)
        }
        return NDArrays.stack(new NDList(rows)); // (B, D)
    }

    int eosPosition(long[] ids, int offset, int len) {
        int best = 0;
        for (int j = 0; j < len; j++) {
            long id = ids[offset + j];
            if (config.eosTokenId() == 2) {
                if (id > ids[offset + best]) {
                    best = j;
                }
            } else if (id == config.eosTokenId()) {
                return j;
            }
        }
        return best;
    }

    /**
     * Maps keys of any CLIP text checkpoint to this module's keys: drops the {@code text_model.}
     * prefix and the {@code position_ids} buffer. Other keys pass through unchanged.
     */
    public static Map<String, NDArray> normalizeCheckpointKeys(Map<String, NDArray> tensors) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            String key = k.startsWith(LEGACY_PREFIX) ? k.substring(LEGACY_PREFIX.length()) : k;
            if (!key.equals(POSITION_IDS_BUFFER)) {
                out.put(key, v);
            }
        });
        return out;
    }

    /**
     * Loads a transformers folder ({@code config.json} + {@code model.safetensors}), e.g. a
     * diffusers pipeline's {@code text_encoder/}. Keys must match exactly after normalisation.
     */
    public static CLIPTextModel load(Path folder, NDManager manager) throws IOException {
        CLIPTextConfig config = CLIPTextConfig.read(folder.resolve("config.json"));
        Path weights = folder.resolve("model.safetensors");
        if (!Files.isRegularFile(weights)) {
            throw new IOException(weights + " not found: the text encoder folder needs its weights as "
                    + "model.safetensors (convert pytorch_model.bin with safetensors first)");
        }
        CLIPTextModel model = new CLIPTextModel(config);
        model.initialize(manager);
        try (NDManager tmp = manager.newSubManager()) {
            Map<String, NDArray> tensors = normalizeCheckpointKeys(Safetensors.read(weights, tmp));
            StateDict.load(model, tensors, true, weights.toString());
        }
        return model;
    }
}
