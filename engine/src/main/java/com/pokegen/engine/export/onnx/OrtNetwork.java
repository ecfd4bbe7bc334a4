package com.pokegen.engine.export.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.pokegen.engine.model.nn.FloatTensor;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One exported ONNX file opened in ONNX Runtime (CPU, all graph optimisations, the intra-op
 * thread count ORT chooses unless {@value #THREADS_PROPERTY} is set), fed and read as float32
 * {@link FloatTensor}s.
 */
public final class OrtNetwork implements AutoCloseable {

    /** System property: ORT intra-op threads per session (unset or 0: ORT's default, one per core). */
    public static final String THREADS_PROPERTY = "pokegen.ort.threads";

    private final OrtSession session;
    private final String file;

    private OrtNetwork(OrtSession session, String file) {
        this.session = session;
        this.file = file;
    }

    /** Opens {@code onnx}; an unreadable or invalid file fails naming it and ORT's reason. */
    public static OrtNetwork open(Path onnx) throws IOException {
        if (!java.nio.file.Files.isRegularFile(onnx)) {
            throw new IOException(onnx + " is missing (the ONNX export is incomplete; export again)");
        }
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // weight-only QDQ has no quantised activations to fuse with: let constant folding
            // dequantise the int8 weights once at load instead of on every call
            options.addConfigEntry("session.disable_quant_qdq", "1");
            int threads = Integer.getInteger(THREADS_PROPERTY, 0);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            return new OrtNetwork(OrtEnvironment.getEnvironment().createSession(onnx.toString(), options),
                    onnx.toString());
        } catch (OrtException e) {
            throw new IOException(onnx + ": ONNX Runtime cannot load it (" + e.getMessage() + ")", e);
        }
    }

    /** Runs the graph; returns its first output. */
    public FloatTensor run(Map<String, FloatTensor> inputs) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, FloatTensor> e : inputs.entrySet()) {
                feeds.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().data()),
                        e.getValue().shape()));
            }
            try (OrtSession.Result r = session.run(feeds)) {
                OnnxTensor out = (OnnxTensor) r.get(0);
                FloatBuffer fb = out.getFloatBuffer();
                float[] data = new float[fb.remaining()];
                fb.get(data);
                return new FloatTensor(out.getInfo().getShape(), data);
            }
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": ONNX Runtime failed (" + e.getMessage() + ")", e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": closing the ONNX Runtime session failed", e);
        }
    }
}
