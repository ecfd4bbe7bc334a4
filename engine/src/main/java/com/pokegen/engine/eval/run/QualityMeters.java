package com.pokegen.engine.eval.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.eval.ClipScore;
import com.pokegen.engine.eval.ClipScoreResult;
import com.pokegen.engine.eval.ClipTorchScriptExtractor;
import com.pokegen.engine.eval.EvalReport.Metric;
import com.pokegen.engine.eval.FeatureExtractor;
import com.pokegen.engine.eval.FeatureStats;
import com.pokegen.engine.eval.FrechetDistance;
import com.pokegen.engine.eval.InDomainEncoder;
import com.pokegen.engine.eval.InceptionTorchScriptExtractor;
import com.pokegen.engine.eval.Kid;
import com.pokegen.engine.eval.MetricNames;
import com.pokegen.engine.eval.PixelMeters;
import com.pokegen.engine.eval.ReferenceStatsCache;
import com.pokegen.engine.model.text.ClipTokenizers;
import com.pokegen.engine.model.text.PromptTokenizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The feature-based metrics of one evaluation: in-domain FD and CLIP score (offline encoder),
 * FID (Inception TorchScript) and CLIP score (OpenAI CLIP TorchScript) when their files are
 * given, KID optionally. Reference statistics of the dataset's images are cached per dataset
 * version, extractor and resize method; every figure carries its extractor, sample counts and
 * resize method.
 */
final class QualityMeters implements AutoCloseable {

    private final InDomainEncoder inDomain;
    private final InceptionTorchScriptExtractor inception;
    private final ClipTorchScriptExtractor clip;
    private final ClipScore clipScore;
    private final PromptTokenizer clipTokenizer;
    private final ReferenceImages references;
    private final ReferenceStatsCache statsCache;
    private final FrechetDistance fd;
    private final Kid kid;
    private final NDManager referenceFeatures = NDManager.newBaseManager();
    private final Map<String, FeatureStats> stats = new LinkedHashMap<>();
    private final Map<String, NDArray> kidReferences = new LinkedHashMap<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private PixelMeters pixels; // fitted on the reference images at first use

    private QualityMeters(EvalSpec spec, ReferenceImages references, ReferenceStatsCache cache, InDomainEncoder inDomain,
            InceptionTorchScriptExtractor inception, ClipTorchScriptExtractor clip, PromptTokenizer clipTokenizer) {
        this.inDomain = inDomain;
        this.inception = inception;
        this.clip = clip;
        this.clipTokenizer = clipTokenizer;
        this.clipScore = clip == null ? null : new ClipScore(clip, clipTokenizer);
        this.references = references;
        this.statsCache = cache;
        this.fd = spec.allowFewSamples ? FrechetDistance.allowingFewSamples() : FrechetDistance.strict();
        this.kid = spec.kid ? new Kid(100, 1000, spec.seed) : null;
    }

    /** Opens every network the spec names; a missing or wrong file fails here, before any sampling. */
    static QualityMeters open(EvalSpec spec, ReferenceImages references, ReferenceStatsCache cache) throws IOException {
        InDomainEncoder inDomain = null;
        InceptionTorchScriptExtractor inception = null;
        ClipTorchScriptExtractor clip = null;
        PromptTokenizer tokenizer = null;
        try {
            if (spec.inDomain != null) {
                inDomain = InDomainEncoder.load(InDomainTraining.encoderFile(spec.inDomain));
            }
            if (spec.inception != null) {
                inception = InceptionTorchScriptExtractor.load(spec.inception, spec.fidResize);
            }
            if (spec.clip != null) {
                clip = ClipTorchScriptExtractor.load(spec.clip);
                tokenizer = openClipTokenizer(spec);
            }
            return new QualityMeters(spec, references, cache, inDomain, inception, clip, tokenizer);
        } catch (IOException | RuntimeException e) {
            closeAll(inDomain, inception, clip, tokenizer);
            throw e;
        }
    }

    private static PromptTokenizer openClipTokenizer(EvalSpec spec) throws IOException {
        try {
            return ClipTokenizers.open(spec.clipTokenizer, ClipTokenizers.Backend.AUTO, ClipTorchScriptExtractor.CONTEXT_LENGTH);
        } catch (IOException | RuntimeException e) {
            throw new IOException("--clip-tokenizer " + spec.clipTokenizer + ": not a CLIP tokenizer folder (vocab.json +"
                    + " merges.txt expected): " + e.getMessage(), e);
        }
    }

    InDomainEncoder inDomain() {
        return inDomain;
    }

    /** The extractors whose Fréchet distances are computed. */
    List<FeatureExtractor> frechetExtractors() {
        List<FeatureExtractor> out = new ArrayList<>();
        if (inDomain != null) {
            out.add(inDomain);
        }
        if (inception != null) {
            out.add(inception);
        }
        return out;
    }

    /**
     * Refuses, before anything is generated, sample or reference counts below an extractor's
     * feature dimension unless few samples are allowed; then it notes the bias instead.
     */
    void checkSampleCounts(int samples, int referenceCount, String howToGrow, boolean allowFew, List<String> out) {
        for (FeatureExtractor ex : frechetExtractors()) {
            String name = MetricNames.fd(ex.id()) + " (" + ex.id() + ", " + ex.dim() + " features)";
            int fewest = Math.min(samples, referenceCount);
            if (fewest >= ex.dim()) {
                continue;
            }
            String counts = samples + " generated images per configuration and " + referenceCount
                    + " reference images";
            if (!allowFew) {
                throw new IllegalArgumentException(counts + " are fewer than the " + ex.dim() + " feature dimensions of "
                        + name + ": the covariance would be singular and the distance biased. " + howToGrow
                        + ", or pass --allow-few-samples and compare only runs with equal counts");
            }
            out.add(name + " uses " + counts + ", fewer than its " + ex.dim() + " dimensions (--allow-few-samples):"
                    + " biased, compare only runs with equal counts");
        }
    }

    /** Every metric of one configuration's images, image i paired with prompt i. */
    List<Metric> measure(String variant, int steps, List<BufferedImage> images, List<String> prompts) throws IOException {
        List<Metric> out = new ArrayList<>();
        for (FeatureExtractor ex : frechetExtractors()) {
            frechet(ex, variant, steps, images, out);
            if (ex == inDomain) {
                ClipScoreResult r = inDomain.score(images, prompts);
                noteTruncation(r);
                out.add(Metric.of(variant, steps, r, inDomain.resizeMethod()));
            }
        }
        if (clipScore != null) {
            ClipScoreResult r = clipScore.score(images, prompts);
            noteTruncation(r);
            out.add(Metric.of(variant, steps, r, clip.resizeMethod()));
        }
        out.addAll(pixelMetrics(variant, steps, images));
        return out;
    }

    /**
     * The network-free pixel meters ({@link PixelMeters}): pixel FD with the floor a same-size draw
     * of real images scores, detail ratio, near-copies, and white/saturation beside the dataset's.
     */
    private List<Metric> pixelMetrics(String variant, int steps, List<BufferedImage> images) throws IOException {
        if (references.count() < 3 || images.size() < 2) {
            notes.add("pixel meters skipped: they need at least 3 reference and 2 generated images");
            return List.of();
        }
        if (pixels == null) {
            pixels = PixelMeters.fit(references.images());
        }
        PixelMeters.Result r = pixels.measure(images);
        String id = "pixel-pca" + PixelMeters.COMPONENTS + "-" + PixelMeters.SIDE + "px";
        int n = r.count();
        long refs = references.count();
        return List.of(
                new Metric(variant, steps, "pixel FD", r.fd(), Double.NaN, n, refs, id, "area", true),
                new Metric(variant, steps, "pixel FD of real images", r.fdFloor(), Double.NaN, n, refs, id, "area", true),
                new Metric(variant, steps, "detail ratio (1 = dataset)", r.laplacianRatio(), Double.NaN, n, refs,
                        "laplacian-energy", "area", false),
                new Metric(variant, steps, "near-copy fraction", r.nearCopyFraction(), Double.NaN, n, refs, id, "area",
                        true),
                new Metric(variant, steps, String.format(Locale.ROOT, "white fraction (dataset %.3f)",
                        r.reference().whiteFraction()), r.whiteFraction(), Double.NaN, n, refs, "hsv", "area", false),
                new Metric(variant, steps, String.format(Locale.ROOT, "saturation (dataset %.3f)",
                        r.reference().saturation()), r.saturation(), Double.NaN, n, refs, "hsv", "area", false));
    }

    private void frechet(FeatureExtractor ex, String variant, int steps, List<BufferedImage> images, List<Metric> out)
            throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray features = ex.features(images, m); // (N, D)
            FeatureStats sample = FeatureStats.of(features, ex.id(), ex.resizeMethod());
            out.add(Metric.of(variant, steps, fd.compute(sample, referenceStats(ex))));
            if (kid != null) {
                out.add(Metric.of(variant, steps, kid.compute(features, kidReference(ex), ex.id(), ex.resizeMethod())));
            }
        }
    }

    private FeatureStats referenceStats(FeatureExtractor ex) throws IOException {
        FeatureStats s = stats.get(ex.id());
        if (s == null) {
            s = statsCache.getOrCompute(references.version(), ex.id(), ex.resizeMethod(),
                    () -> ex.stats(references.images()));
            stats.put(ex.id(), s);
        }
        return s;
    }

    private NDArray kidReference(FeatureExtractor ex) throws IOException {
        NDArray f = kidReferences.get(ex.id());
        if (f == null) {
            f = ex.features(references.images(), referenceFeatures);
            kidReferences.put(ex.id(), f);
        }
        return f;
    }

    private void noteTruncation(ClipScoreResult r) {
        if (!r.truncated().isEmpty()) {
            notes.add(r.label() + ": " + r.truncated().size() + " prompt(s) longer than " + r.maxTokens()
                    + " tokens were truncated, e.g. \"" + r.truncated().get(0).prompt() + "\"");
        }
    }

    /** Warnings gathered while measuring (truncated prompts). */
    List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public void close() {
        referenceFeatures.close();
        closeAll(inDomain, inception, clip, clipTokenizer);
    }

    private static void closeAll(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing native models while unwinding: the original failure matters more
                }
            }
        }
    }
}
