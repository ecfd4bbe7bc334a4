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
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.model.vae.DiagonalGaussian;
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
 */
public final class LatentSet implements AutoCloseable {

    /** Called after each encoded chunk: (done, total). */
    public interface Progress {
        void update(int done, int total);
    }

    private final NDManager manager;
    private final NDArray mean;       // (N, C, h, w): image, then mirrored image at N..2N
    private final NDArray logvar;     // (2N, C, h, w)
    private final NDArray text;       // (M, L, D)
    private final NDArray uncond;     // (1, L, D): the empty caption, for dropout and CFG
    private final int[] owner;        // caption m belongs to image owner[m]
    private final List<String> captions;

    private LatentSet(NDManager manager, NDArray mean, NDArray logvar, NDArray text, NDArray uncond,
            int[] owner, List<String> captions) {
        this.manager = manager;
        this.mean = mean;
        this.logvar = logvar;
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
        return (int) (mean.getShape().get(0) / 2);
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
        int n = imageCount();
        long[] rows = new long[samples.length];
        for (int i = 0; i < samples.length; i++) {
            rows[i] = owner[samples[i]] + (flip[i] ? n : 0);
        }
        NDArray idx = com.pokegen.engine.model.nn.Tensors.longs(noise.getManager(), rows);
        NDArray mu = mean.get(new NDIndex("{}", idx));
        NDArray std = logvar.get(new NDIndex("{}", idx)).mul(0.5f).exp();
        return mu.add(std.mul(noise));
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

    /**
     * Encodes examples at {@code resolution} with the VAE and text encoder (no gradients).
     *
     * @param chunk images per VAE call
     */
    public static LatentSet encode(List<TrainingExample> examples, AutoencoderKL vae, TextEncoder textEncoder,
            int resolution, int chunk, NDManager parent, Progress progress, BooleanSupplier cancelled)
            throws IOException {
        NDManager manager = parent.newSubManager();
        List<NDArray> means = new ArrayList<>();
        List<NDArray> logvars = new ArrayList<>();
        List<NDArray> flippedMeans = new ArrayList<>();
        List<NDArray> flippedLogvars = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int start = 0; start < examples.size(); start += chunk) {
            if (cancelled.getAsBoolean()) {
                manager.close();
                throw new java.util.concurrent.CancellationException("encoding cancelled");
            }
            List<TrainingExample> part = examples.subList(start, Math.min(examples.size(), start + chunk));
            try (NDManager scope = manager.newSubManager()) {
                List<NDArray> imgs = new ArrayList<>();
                for (TrainingExample ex : part) {
                    imgs.add(ImageTensors.toTensor(ImageTensors.squareResize(ex.image().load(), resolution), scope));
                }
                NDArray x = NDArrays.stack(new NDList(imgs)); // (b, 3, H, W) in [-1, 1]
                DiagonalGaussian post = vae.encode(x);
                DiagonalGaussian mirrored = vae.encode(x.flip(3));
                keep(post.mean(), means, manager);
                keep(post.logvar(), logvars, manager);
                keep(mirrored.mean(), flippedMeans, manager);
                keep(mirrored.logvar(), flippedLogvars, manager);
            }
            for (int i = 0; i < part.size(); i++) {
                for (String c : part.get(i).captions()) {
                    caps.add(c);
                    owners.add(start + i);
                }
            }
            progress.update(Math.min(examples.size(), start + chunk), examples.size());
        }
        NDArray text = encodeText(caps, textEncoder, manager);
        NDArray uncond;
        try (EncodedText e = textEncoder.encode(List.of(""), manager)) {
            uncond = e.hiddenStates().duplicate();
        }
        means.addAll(flippedMeans);
        logvars.addAll(flippedLogvars);
        NDArray mean = NDArrays.concat(new NDList(means));
        NDArray logvar = NDArrays.concat(new NDList(logvars));
        means.forEach(NDArray::close);
        logvars.forEach(NDArray::close);
        return new LatentSet(manager, mean, logvar, text, uncond,
                owners.stream().mapToInt(Integer::intValue).toArray(), caps);
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
            return new LatentSet(m, f.load("mean", m), f.load("logvar", m), f.load("text", m),
                    f.load("uncond", m), f.load("owner", m).toIntArray(), List.of(caps));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
