package com.pokegen.engine.eval;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.model.text.TokenizedBatch;
import java.io.IOException;
import java.nio.file.Path;

/**
 * OpenAI CLIP (Radford et al., 2021) as a TorchScript archive with {@code encode_image} and
 * {@code encode_text} methods, e.g. {@code ViT-L-14.pt}. Images: bicubic to the model's input
 * size (224 for ViT-L/14), centre crop, CLIP mean/std. Text: 77 token ids, zero-padded after the
 * end token, as {@code clip.tokenize} does.
 *
 * <p>The archives OpenAI published were traced on a GPU in float16 and contain CUDA device
 * constants that {@code clip.load(jit=True)} patches at load time. On a CPU, pass an archive
 * re-saved after that patching ({@code torch.jit.save(clip.load(name, device="cpu", jit=True)[0],
 * path)}); the load-time probe reports the problem otherwise.
 */
public final class ClipTorchScriptExtractor implements FeatureExtractor {

    public static final String FLAG = "--clip";
    public static final String FILE_NAME = "ViT-L-14.pt";
    /** OpenAI CLIP's text context length. */
    public static final int CONTEXT_LENGTH = 77;

    private final TorchScriptModule module;
    private final ImagePreprocessor preprocessor;
    private final String name;
    private int dim;

    private ClipTorchScriptExtractor(TorchScriptModule module, ImagePreprocessor preprocessor, String name) {
        this.module = module;
        this.preprocessor = preprocessor;
        this.name = name;
    }

    /** Loads {@code file} on the CPU with 224-pixel inputs. */
    public static ClipTorchScriptExtractor load(Path file) throws IOException {
        return load(file, 224, Device.cpu());
    }

    /** @param inputSize the vision tower's resolution (224; 336 for ViT-L-14-336) */
    public static ClipTorchScriptExtractor load(Path file, int inputSize, Device device) throws IOException {
        TorchScriptModule module = TorchScriptModule.load(file, device, "CLIP", FLAG, FILE_NAME);
        String name = file.getFileName().toString().replaceAll("\\.pt$", "");
        ClipTorchScriptExtractor ex = new ClipTorchScriptExtractor(module, ImagePreprocessor.clip(inputSize), name);
        try (NDManager probe = NDManager.newBaseManager()) {
            ex.dim = (int) ex.embed(probe.zeros(new Shape(1, 3, inputSize, inputSize)), probe).getShape().get(1);
        } catch (RuntimeException e) {
            module.close();
            throw new IOException(file + ": encode_image on a " + inputSize + "×" + inputSize + " probe failed ("
                    + e.getMessage() + "); " + FLAG + " expects an OpenAI CLIP TorchScript archive such as " + FILE_NAME
                    + " that runs on this device (see ClipTorchScriptExtractor's notes on CUDA/float16 archives)", e);
        }
        return ex;
    }

    @Override
    public String id() {
        return MetricNames.CLIP_PREFIX + ":" + name + ":" + module.shortHash();
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /** (B, 3, S, S) normalised -> (B, E) image embeddings (not normalised) */
    @Override
    public NDArray embed(NDArray preprocessed, NDManager manager) {
        return run("encode_image", preprocessed, manager);
    }

    /** (B, 77) token rows -> (B, E) text embeddings (not normalised) */
    public NDArray embedText(TokenizedBatch tokens, NDManager manager) {
        if (tokens.length() != CONTEXT_LENGTH) {
            throw new IllegalArgumentException("CLIP TorchScript expects " + CONTEXT_LENGTH + " tokens per prompt, got "
                    + tokens.length() + "; open the tokenizer with maxLength " + CONTEXT_LENGTH);
        }
        long[][] ids = new long[tokens.batchSize()][];
        for (int i = 0; i < ids.length; i++) { // clip.tokenize pads with 0; encode_text finds EOT by argmax
            ids[i] = tokens.ids()[i].clone();
            for (int j = 0; j < ids[i].length; j++) {
                if (tokens.attentionMask()[i][j] == 0) {
                    ids[i][j] = 0;
                }
            }
        }
        try (NDManager sub = manager.newSubManager()) {
            NDArray idArray = sub.create(ids);
            NDArray out = run("encode_text", idArray, sub);
            out.attach(manager);
            return out;
        }
    }

    private NDArray run(String method, NDArray input, NDManager manager) {
        try {
            NDArray out = module.call(method, manager, input);
            if (out.getShape().dimension() != 2 || out.getShape().get(0) != input.getShape().get(0)) {
                throw new IllegalStateException(module.file() + ": " + method + " returned " + out.getShape()
                        + ", expected (B, E) embeddings");
            }
            return out.toType(DataType.FLOAT32, false);
        } catch (EngineException e) {
            throw new IllegalStateException(module.file() + ": " + method + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
