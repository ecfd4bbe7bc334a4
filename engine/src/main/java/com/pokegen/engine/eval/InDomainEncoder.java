package com.pokegen.engine.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.text.EncodedText;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import com.pokegen.engine.model.text.TextEncoder;
import com.pokegen.engine.train.AdamW;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The offline evaluation model: a small CNN image tower trained contrastively (CLIP-style) against
 * frozen MiniLM sentence vectors of the dataset's captions. Its features give the "in-domain FD"
 * and its image–text cosine the "in-domain CLIP score". Both are labelled as such, never FID or
 * CLIP score: the tower knows only this dataset, so numbers compare runs on the same dataset
 * version and nothing else. The dataset version and text encoder id travel with the weights.
 */
public final class InDomainEncoder implements FeatureExtractor {

    static final String FORMAT = "pokegen-in-domain-encoder/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Progress of {@link #train}. */
    @FunctionalInterface
    public interface Listener {
        void onStep(int step, int totalSteps, double loss, double temperature);

        Listener NONE = (step, total, loss, temperature) -> {};
    }

    private final NDManager manager;
    private final InDomainImageTower tower;
    private final InDomainConfig config;
    private final String datasetVersion;
    private final TextEncoder text;
    private final boolean ownsText;
    private final ImagePreprocessor preprocessor;
    private final String id;

    private InDomainEncoder(NDManager manager, InDomainImageTower tower, InDomainConfig config, String datasetVersion,
            TextEncoder text, boolean ownsText) {
        this.manager = manager;
        this.tower = tower;
        this.config = config;
        this.datasetVersion = datasetVersion;
        this.text = text;
        this.ownsText = ownsText;
        this.preprocessor = preprocessor(config);
        this.id = MetricNames.IN_DOMAIN_PREFIX + ":" + datasetVersion + ":" + weightsHash(tower);
    }

    /** [−1, 1] pixels at the configured size, bicubic. */
    private static ImagePreprocessor preprocessor(InDomainConfig config) {
        return new ImagePreprocessor(config.imageSize(), ResizeMethod.PIL_BICUBIC, 1f,
                new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});
    }

    /** Trains against the bundled MiniLM encoder (opened here, closed with the encoder). */
    public static InDomainEncoder train(List<ImageCaption> pairs, String datasetVersion, InDomainConfig config,
            Listener listener) throws IOException {
        MiniLmTextEncoder minilm = MiniLmTextEncoder.open();
        try {
            return train(pairs, datasetVersion, config, minilm, true, listener);
        } catch (RuntimeException e) {
            minilm.close();
            throw e;
        }
    }

    /** Trains against {@code text} (not closed by the encoder). */
    public static InDomainEncoder train(List<ImageCaption> pairs, String datasetVersion, InDomainConfig config,
            TextEncoder text, Listener listener) {
        return train(pairs, datasetVersion, config, text, false, listener);
    }

    private static InDomainEncoder train(List<ImageCaption> pairs, String datasetVersion, InDomainConfig config,
            TextEncoder text, boolean ownsText, Listener listener) {
        if (pairs.size() < 2) {
            throw new IllegalArgumentException("in-domain training needs at least 2 image–caption pairs, got " + pairs.size());
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            SplittableRandom root = new SplittableRandom(config.seed());
            Engine.getInstance().setRandomSeed((int) root.split().nextLong()); // parameter initialisation
            InDomainImageTower tower = new InDomainImageTower(config.channels(), text.hiddenSize(), config.initialTemperature());
            tower.initialize(manager);
            new Trainer(tower, config, text, manager, root.split()).run(pairs, listener);
            return new InDomainEncoder(manager, tower, config, datasetVersion, text, ownsText);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The training loop, kept apart from the encoder's inference API. */
    private static final class Trainer {
        private final InDomainImageTower tower;
        private final InDomainConfig config;
        private final TextEncoder text;
        private final NDManager manager;
        private final SplittableRandom random;

        Trainer(InDomainImageTower tower, InDomainConfig config, TextEncoder text, NDManager manager, SplittableRandom random) {
            this.tower = tower;
            this.config = config;
            this.text = text;
            this.manager = manager;
            this.random = random;
        }

        void run(List<ImageCaption> pairs, Listener listener) {
            Map<String, Integer> captionIds = new LinkedHashMap<>();
            int[] captionOf = new int[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                captionOf[i] = captionIds.computeIfAbsent(pairs.get(i).caption(), k -> captionIds.size());
            }
            Map<String, Parameter> params = StateDict.parameters(tower);
            params.values().forEach(p -> p.getArray().setRequiresGradient(true));
            // weight decay 0: plain Adam, so the logit scale and norm gains are not pulled towards 0
            try (NDManager data = manager.newSubManager();
                    AdamW optimiser = AdamW.builder().setManager(manager).optWeightDecay(0f).build()) {
                NDArray images = preprocessor(config).apply(pairs.stream().map(ImageCaption::image).toList(), data); // (N, 3, S, S)
                NDArray texts = encodePooled(new ArrayList<>(captionIds.keySet()), data); // (K, E)
                int batch = Math.min(config.batchSize(), pairs.size());
                int[] order = shuffled(pairs.size());
                int cursor = 0;
                for (int step = 1; step <= config.steps(); step++) {
                    if (cursor + batch > order.length) {
                        order = shuffled(pairs.size());
                        cursor = 0;
                    }
                    int[] idx = java.util.Arrays.copyOfRange(order, cursor, cursor + batch);
                    cursor += batch;
                    double[] lossAndTemperature = step(images, texts, idx, captionOf, params, optimiser);
                    listener.onStep(step, config.steps(), lossAndTemperature[0], lossAndTemperature[1]);
                }
            } finally {
                params.values().forEach(p -> p.getArray().setRequiresGradient(false));
            }
        }

        /** One optimiser step; returns the loss and the temperature after the update. */
        private double[] step(NDArray images, NDArray texts, int[] idx, int[] captionOf, Map<String, Parameter> params,
                AdamW optimiser) {
            int[] caps = new int[idx.length];
            long[] rows = new long[idx.length];
            for (int i = 0; i < idx.length; i++) {
                caps[i] = captionOf[idx[i]];
                rows[i] = idx[i];
            }
            try (NDScope scope = new NDScope()) {
                NDArray x = images.get(new NDIndex("{}", manager.create(rows))); // (B, 3, S, S)
                NDArray t = texts.get(new NDIndex("{}", manager.create(java.util.Arrays.stream(caps).asLongStream().toArray())));
                NDArray y = manager.create(ContrastiveLoss.sameCaptionTargets(caps), new Shape(idx.length, idx.length));
                double value;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = ContrastiveLoss.symmetricInfoNce(tower.forward(x), t, tower.scale(), y);
                    gc.backward(loss);
                    value = loss.getFloat();
                }
                optimiser.step(params, (float) config.learningRate());
                clampLogitScale();
                return new double[] {value, 1 / tower.scale().getFloat()};
            }
        }

        /** CLIP clips the logit scale at 100 so the softmax cannot become arbitrarily sharp. */
        private void clampLogitScale() {
            NDArray s = tower.logitScaleParameter().getArray();
            float max = (float) Math.log(InDomainConfig.MAX_LOGIT_SCALE);
            if (s.getFloat() > max) {
                s.set(new float[] {max});
            }
        }

        private NDArray encodePooled(List<String> captions, NDManager target) {
            NDList parts = new NDList();
            for (int i = 0; i < captions.size(); i += 64) {
                try (EncodedText e = text.encode(captions.subList(i, Math.min(captions.size(), i + 64)), target)) {
                    parts.add(e.pooled().duplicate());
                }
            }
            return NDArrays.l2Normalise(NDArrays.concat(parts));
        }

        private int[] shuffled(int n) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
            return a;
        }
    }

    /** Unit-norm image features (B, E), in {@code manager}. */
    public NDArray imageFeatures(List<BufferedImage> images, NDManager target) {
        return features(images, target);
    }

    /** Unit-norm text features (B, E) of prompts, in {@code manager}, with the tokens behind them. */
    public EncodedText textFeatures(List<String> prompts, NDManager target) {
        return text.encode(prompts, target);
    }

    /** In-domain CLIP score: 100 · max(cos, 0) of image i against prompt i, averaged. */
    public ClipScoreResult score(List<BufferedImage> images, List<String> prompts) {
        ClipScore.checkPairs(images.size(), prompts.size());
        try (NDManager m = NDManager.newBaseManager(); EncodedText t = text.encode(prompts, m)) {
            double[] scores = ClipScore.pairScores(features(images, m), t.pooled());
            return ClipScoreResult.of(MetricNames.clipScore(id), id, scores, prompts, t.tokens().droppedTokens(), text.maxLength());
        }
    }

    /** (B, 3, S, S) in [−1, 1] -> (B, E) unit rows */
    @Override
    public NDArray embed(NDArray preprocessed, NDManager target) {
        NDArray out = tower.forward(preprocessed);
        out.attach(target);
        return out;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dim() {
        return text.hiddenSize();
    }

    @Override
    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    @Override
    public int batchSize() {
        return 64;
    }

    public String datasetVersion() {
        return datasetVersion;
    }

    public InDomainConfig config() {
        return config;
    }

    /** Current softmax temperature 1 / exp(logit_scale). */
    public double temperature() {
        try (NDArray s = tower.scale()) {
            return 1 / s.getFloat();
        }
    }

    /** Writes weights and provenance (dataset version, text encoder, config) atomically. */
    public void save(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("id", id);
        meta.put("dataset_version", datasetVersion);
        meta.put("text_encoder", text.id());
        meta.put("config", JSON.writeValueAsString(config));
        meta.put("label", "offline in-domain encoder (not Inception, not OpenAI CLIP)");
        Map<String, SafetensorsFiles.Tensor> tensors = new LinkedHashMap<>();
        StateDict.arrays(tower).forEach((k, a) -> tensors.put(k,
                new SafetensorsFiles.Tensor("F32", a.getShape().getShape(), a.toType(DataType.FLOAT32, false).toFloatArray())));
        SafetensorsFiles.write(file, meta, tensors);
    }

    /** Loads a saved encoder with the bundled MiniLM text encoder. */
    public static InDomainEncoder load(Path file) throws IOException {
        MiniLmTextEncoder minilm = MiniLmTextEncoder.open();
        try {
            return load(file, minilm, true);
        } catch (IOException | RuntimeException e) {
            minilm.close();
            throw e;
        }
    }

    /** Loads with a caller-owned text encoder, which must be the one it was trained against. */
    public static InDomainEncoder load(Path file, TextEncoder text) throws IOException {
        return load(file, text, false);
    }

    private static InDomainEncoder load(Path file, TextEncoder text, boolean ownsText) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": in-domain encoder not found; train one with the in-domain training command");
        }
        Map<String, String> meta = SafetensorsFiles.metadata(file);
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(file + ": not an in-domain encoder (metadata format '" + meta.get("format") + "')");
        }
        if (!text.id().equals(meta.get("text_encoder"))) {
            throw new IOException(file + ": trained against text encoder " + meta.get("text_encoder")
                    + " but " + text.id() + " was given; scores would be meaningless, retrain the encoder");
        }
        InDomainConfig config = JSON.readValue(meta.get("config"), InDomainConfig.class);
        NDManager manager = NDManager.newBaseManager();
        try {
            InDomainImageTower tower = new InDomainImageTower(config.channels(), text.hiddenSize(), config.initialTemperature());
            tower.initialize(manager);
            try (NDManager tmp = manager.newSubManager()) {
                StateDict.load(tower, Safetensors.read(file, tmp), true, file.toString());
            }
            InDomainEncoder enc = new InDomainEncoder(manager, tower, config, meta.get("dataset_version"), text, ownsText);
            if (!enc.id.equals(meta.get("id"))) {
                throw new IOException(file + ": weights do not hash to the recorded id " + meta.get("id") + " (corrupted?)");
            }
            return enc;
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static String weightsHash(InDomainImageTower tower) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StateDict.arrays(tower).forEach((k, a) -> {
                md.update(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(a.toByteArray());
            });
            return HexFormat.of().formatHex(md.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    @Override
    public void close() {
        manager.close();
        if (ownsText) {
            text.close();
        }
    }
}
