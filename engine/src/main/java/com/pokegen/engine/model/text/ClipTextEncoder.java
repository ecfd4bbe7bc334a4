package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Stable Diffusion's text conditioning: a CLIP tokenizer and {@link CLIPTextModel}, as
 * diffusers' {@code encode_prompt} uses them (rows padded to 77, no padding mask inside the
 * encoder, every position kept). With {@code clipSkip} k > 0 the states are
 * {@code final_layer_norm(hidden_states[-(k+1)])}, diffusers' clip_skip; with 0 they are
 * {@code last_hidden_state}.
 */
public final class ClipTextEncoder extends PretrainedTextEncoder {

    private final CLIPTextModel model;
    private final int clipSkip;

    private ClipTextEncoder(
            PromptTokenizer tokenizer, CLIPTextModel model, NDManager weights, int clipSkip, Path[] hashedFiles) {
        super(tokenizer, weights, hashedFiles);
        this.model = model;
        this.clipSkip = clipSkip;
    }

    /** Opens {@code text_encoder/} and {@code tokenizer/} of a diffusers pipeline folder. */
    public static ClipTextEncoder open(Path pipelineDir) throws IOException {
        return open(pipelineDir.resolve("text_encoder"), pipelineDir.resolve("tokenizer"),
                ClipTokenizers.Backend.AUTO, 0);
    }

    /**
     * @param clipSkip 0 for {@code last_hidden_state}; k ≥ 1 skips the last k layers
     */
    public static ClipTextEncoder open(Path textEncoderDir, Path tokenizerDir, ClipTokenizers.Backend backend,
            int clipSkip) throws IOException {
        NDManager weights = NDManager.newBaseManager();
        PromptTokenizer tokenizer = null;
        try {
            CLIPTextModel model = CLIPTextModel.load(textEncoderDir, weights);
            int layers = model.config().numHiddenLayers();
            if (clipSkip < 0 || clipSkip >= layers) {
                throw new IllegalArgumentException("clipSkip must be in [0, " + (layers - 1) + "], got " + clipSkip);
            }
            tokenizer = ClipTokenizers.open(tokenizerDir, backend, 0);
            if (tokenizer.maxLength() > model.config().maxPositionEmbeddings()) {
                throw new IOException(tokenizerDir + ": model_max_length " + tokenizer.maxLength()
                        + " exceeds the text encoder's max_position_embeddings "
                        + model.config().maxPositionEmbeddings());
            }
            Path[] hashed = {
                textEncoderDir.resolve("config.json"), textEncoderDir.resolve("model.safetensors"),
                tokenizerDir.resolve("tokenizer.json"), tokenizerDir.resolve("vocab.json"),
                tokenizerDir.resolve("merges.txt"), tokenizerDir.resolve("tokenizer_config.json")
            };
            return new ClipTextEncoder(tokenizer, model, weights, clipSkip, hashed);
        } catch (IOException | RuntimeException e) {
            closeAfterFailedOpen(tokenizer, weights);
            throw e;
        }
    }

    public CLIPTextModel model() {
        return model;
    }

    @Override
    public EncodedText encode(List<String> prompts, NDManager manager) {
        TokenizedBatch tokens = tokenizer.tokenize(prompts);
        try (NDScope scope = new NDScope()) {
            NDArray ids = tokens.idsArray(manager); // (B, L)
            CLIPTextOutput out = model.forward(ids);
            NDArray states;
            if (clipSkip == 0) {
                states = out.lastHiddenState();
            } else {
                List<NDArray> hidden = out.hiddenStates();
                states = model.applyFinalLayerNorm(hidden.get(hidden.size() - 1 - clipSkip));
                NDScope.unregister(states);
                states.attach(manager);
            }
            out.closeExcept(states, out.pooledOutput());
            NDArray mask = tokens.maskArray(manager);
            NDScope.unregister(mask);
            return new EncodedText(states, mask, out.pooledOutput(), tokens);
        }
    }

    @Override
    public int hiddenSize() {
        return model.config().hiddenSize();
    }

    /** {@code clip-text:<sha256 of weights, config, tokenizer files>:L77:skip0}. */
    @Override
    String idKind() {
        return "clip-text";
    }

    @Override
    String idSuffix() {
        return ":skip" + clipSkip;
    }
}
