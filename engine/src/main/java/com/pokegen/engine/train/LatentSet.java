package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.text.EncodedText;
import com.pokegen.engine.model.text.TextEncoder;
import com.pokegen.engine.model.vae.DiagonalGaussian;
import com.pokegen.engine.model.vae.ImageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A dataset encoded once by the frozen VAE and text encoder, so training steps skip both.
 *
 * <p>Holds per image the VAE posterior (mean, log-variance) of the image and of its mirror
 * (random flip without re-encoding), and per caption its text states and owning image. Each
 * training sample is a (caption, image) pair; latents are drawn from the posterior per step.
 * With {@code variants} > 1 every image is also stored re-framed ({@link Augmentation}) V − 1
 * times; the captions are shared, so the text is encoded once.
 */
public final class LatentSet implements AutoCloseable {

    /** Called after each encoded chunk: (done, total). */
    public interface Progress {
        void update(int done, int total);
    }

    private final NDManager manager;
    private final NDArray mean;       // (V·2N, C, h, w): variant v's images at v·2N.., mirrored at v·2N+N..
    private final NDArray logvar;     // (V·2N, C, h, w)
    private final int variants;       // V
    private final NDArray text;       // (M, L, D)
    private final NDArray uncond;     // (1, L, D): the empty caption, for dropout and CFG
    private final int[] owner;        // caption m belongs to image owner[m]
    private final List<String> captions;

    private LatentSet(NDManager manager, NDArray mean, NDArray logvar, int variants, NDArray text, NDArray uncond,
            int[] owner, List<String> captions) {
        this.manager = manager;
        this.mean = mean;
        this.logvar = logvar;
        this.variants = variants;
        this.text = text;
        this.uncond = uncond;
        this.owner = owner;
        this.captions = captions;
    }

    /** Number of (caption, image) samples. */
    public int size() {
        return owner.length;
    }

    public int imageCount() {
        return (int) (mean.getShape().get(0) / (2L * variants));
    }

    /** Framings stored per image (1 = the pictures as they are). */
    public int variants() {
        return variants;
    }

    public String caption(int sample) {
        return captions.get(sample);
    }

    public Shape latentShape() {
        return mean.getShape().slice(1);
    }

    public NDArray uncond() {
        return uncond;
    }

    /**
     * Raw latents (before the VAE scaling factor) of samples: mean + σ·noise of the image or its
     * mirror. (B, C, h, w)
     */
    public NDArray latents(int[] samples, boolean[] flip, NDArray noise) {
        return latents(samples, flip, new int[samples.length], noise);
    }

    /** As {@link #latents(int[], boolean[], NDArray)}, of framing {@code variant[i]} of each image. */
    public NDArray latents(int[] samples, boolean[] flip, int[] variant, NDArray noise) {
        int n = imageCount();
        long[] rows = new long[samples.length];
        for (int i = 0; i < samples.length; i++) {
            rows[i] = 2L * n * variant[i] + owner[samples[i]] + (flip[i] ? n : 0);
        }
        NDArray idx = com.pokegen.engine.model.nn.Tensors.longs(noise.getManager(), rows);
        NDArray mu = mean.get(new NDIndex("{}", idx));
        NDArray std = logvar.get(new NDIndex("{}", idx)).mul(0.5f).exp();
        return mu.add(std.mul(noise));
    }

    /** A random framing per sample, drawn from its own stream (all 0 without augmentation). */
    public int[] randomVariants(int batch, java.util.SplittableRandom rng) {
        int[] v = new int[batch];
        for (int i = 0; i < batch && variants > 1; i++) {
            v[i] = rng.nextInt(variants);
        }
        return v;
    }

    /** Text states of samples; where {@code drop[i]}, the empty caption's. (B, L, D) */
    public NDArray text(int[] samples, boolean[] drop, NDManager into) {
        List<NDArray> rows = new ArrayList<>();
        for (int i = 0; i < samples.length; i++) {
            rows.add(drop[i] ? uncond.get(0) : text.get(samples[i]));
        }
        NDArray out = NDArrays.stack(new NDList(rows));
        out.attach(into);
        return out;
    }

    /** How many framings of each image to store and the seed of their random frames. */
    public record Framing(int variants, long seed) {
        public static final Framing NONE = new Framing(1, 0);

        public Framing {
            if (variants < 1) {
                throw new IllegalArgumentException("augment_variants must be >= 1 (1 = no augmentation), got " + variants);
            }
        }
    }

    /**
     * Encodes examples at {@code resolution} with the codec and text encoder (no gradients).
     *
     * @param chunk images per codec call
     */
    public static LatentSet encode(List<TrainingExample> examples, ImageCodec codec, TextEncoder textEncoder,
            int resolution, int chunk, NDManager parent, Progress progress, BooleanSupplier cancelled)
            throws IOException {
        return encode(examples, codec, textEncoder, resolution, Framing.NONE, chunk, parent, progress, cancelled);
    }

    /** As above, storing {@code framing.variants()} framings of each image. */
    public static LatentSet encode(List<TrainingExample> examples, ImageCodec codec, TextEncoder textEncoder,
            int resolution, Framing framing, int chunk, NDManager parent, Progress progress, BooleanSupplier cancelled)
            throws IOException {
        NDManager manager = parent.newSubManager();
        List<NDArray> means = new ArrayList<>();
        List<NDArray> logvars = new ArrayList<>();
        for (int v = 0; v < framing.variants(); v++) {
            encodeImages(examples, codec, resolution, framing, v, chunk, manager, means, logvars, progress, cancelled);
        }
        List<String> caps = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            for (String c : examples.get(i).captions()) {
                caps.add(c);
                owners.add(i);
            }
        }
        NDArray text = encodeText(caps, textEncoder, manager);
        NDArray uncond;
        try (EncodedText e = textEncoder.encode(List.of(""), manager)) {
            uncond = e.hiddenStates().duplicate();
        }
        NDArray mean = NDArrays.concat(new NDList(means));
        NDArray logvar = NDArrays.concat(new NDList(logvars));
        means.forEach(NDArray::close);
        logvars.forEach(NDArray::close);
        return new LatentSet(manager, mean, logvar, framing.variants(), text, uncond,
                owners.stream().mapToInt(Integer::intValue).toArray(), caps);
    }

    /** Appends variant v's posteriors: the N images, then their N mirrors. */
    private static void encodeImages(List<TrainingExample> examples, ImageCodec codec, int resolution, Framing framing,
            int v, int chunk, NDManager manager, List<NDArray> means, List<NDArray> logvars, Progress progress,
            BooleanSupplier cancelled) throws IOException {
        List<NDArray> flippedMeans = new ArrayList<>();
        List<NDArray> flippedLogvars = new ArrayList<>();
        for (int start = 0; start < examples.size(); start += chunk) {
            if (cancelled.getAsBoolean()) {
                manager.close();
                throw new java.util.concurrent.CancellationException("encoding cancelled");
            }
            List<TrainingExample> part = examples.subList(start, Math.min(examples.size(), start + chunk));
            try (NDManager scope = manager.newSubManager()) {
                List<NDArray> imgs = new ArrayList<>();
                for (int i = 0; i < part.size(); i++) {
                    imgs.add(ImageTensors.toTensor(picture(part.get(i), resolution, framing, v, start + i), scope));
                }
                NDArray x = NDArrays.stack(new NDList(imgs)); // (b, 3, H, W) in [-1, 1]
                DiagonalGaussian post = codec.encode(x);
                DiagonalGaussian mirrored = codec.encode(x.flip(3));
                keep(post.mean(), means, manager);
                keep(post.logvar(), logvars, manager);
                keep(mirrored.mean(), flippedMeans, manager);
                keep(mirrored.logvar(), flippedLogvars, manager);
            }
            int total = examples.size() * framing.variants();
            progress.update(examples.size() * v + Math.min(examples.size(), start + chunk), total);
        }
        means.addAll(flippedMeans);
        logvars.addAll(flippedLogvars);
    }

    /**
     * Variant 0 without augmentation is the centre square resized as before (caches and runs of
     * earlier versions stay valid); with augmentation every variant, 0 included, is box-filtered,
     * variant 0 unshifted and the others in a random frame drawn from (seed, image, variant).
     */
    private static java.awt.image.BufferedImage picture(TrainingExample ex, int resolution, Framing framing, int v,
            int image) throws IOException {
        if (framing.variants() == 1) {
            return ImageTensors.squareResize(ex.image().load(), resolution);
        }
        Augmentation.Frame frame = v == 0 ? Augmentation.Frame.IDENTITY
                : Augmentation.Frame.random(Seeds.stream(framing.seed(), "augment", (long) image * framing.variants() + v));
        return Augmentation.render(ex.image().load(), resolution, frame);
    }

    private static void keep(NDArray a, List<NDArray> into, NDManager manager) {
        NDArray copy = a.duplicate();
        copy.attach(manager);
        into.add(copy);
    }

    private static NDArray encodeText(List<String> caps, TextEncoder te, NDManager manager) {
        List<NDArray> parts = new ArrayList<>();
        for (int s = 0; s < caps.size(); s += 64) {
            try (EncodedText e = te.encode(caps.subList(s, Math.min(caps.size(), s + 64)), manager)) {
                parts.add(e.hiddenStates().duplicate());
            }
        }
        NDArray out = NDArrays.concat(new NDList(parts));
        parts.forEach(NDArray::close);
        return out;
    }

    /** Saves to one safetensors file; {@code key} identifies what produced it. */
    public void save(Path file, String key) throws IOException {
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("mean", mean);
        t.put("logvar", logvar);
        t.put("text", text);
        t.put("uncond", uncond);
        t.put("owner", manager.create(owner));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("variants", Integer.toString(variants));
        meta.put("key", key);
        meta.put("captions", new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(captions));
        Files.createDirectories(file.getParent());
        Safetensors.write(file, t, meta);
    }

    /** Loads a cache file if it exists and was made with {@code key}; otherwise null. */
    public static LatentSet loadIfMatches(Path file, String key, NDManager parent) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try (com.pokegen.engine.io.SafetensorsFile f = com.pokegen.engine.io.SafetensorsFile.open(file)) {
            if (!key.equals(f.metadata().get("key"))) {
                return null;
            }
            NDManager m = parent.newSubManager();
            String[] caps = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(f.metadata().get("captions"), String[].class);
            int variants = Integer.parseInt(f.metadata().getOrDefault("variants", "1"));
            return new LatentSet(m, f.load("mean", m), f.load("logvar", m), variants, f.load("text", m),
                    f.load("uncond", m), f.load("owner", m).toIntArray(), List.of(caps));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
