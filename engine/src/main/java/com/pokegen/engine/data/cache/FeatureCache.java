package com.pokegen.engine.data.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.data.Cancellation;
import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.data.DatasetState;
import com.pokegen.engine.data.ItemView;
import com.pokegen.engine.data.ProgressListener;
import com.pokegen.engine.data.image.ImageOps;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.model.nn.FloatTensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Precomputed encoder outputs (VAE latents, text-encoder states) for every included item of a
 * dataset version, so training steps skip both encoders. One folder per {@link FeatureKey}
 * under {@code DATASET/cache/features/}: {@code KEYDIGEST/key.json} plus
 * {@code items/ID.safetensors}. A folder appears only when complete (staging + rename), so a
 * crash mid-build leaves nothing a reader could mistake for a cache.
 */
public final class FeatureCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_FILE = "key.json";

    private final Path root;
    private final AtomicInteger builds = new AtomicInteger();
    private final AtomicInteger reuses = new AtomicInteger();
    private final AtomicInteger itemsEncoded = new AtomicInteger();

    public FeatureCache(Path root) {
        this.root = root;
    }

    /** The cache of {@code dataset}: {@code DATASET/cache/features}, safetensors payloads. */
    public static FeatureCache of(Dataset dataset) {
        return new FeatureCache(dataset.dir().resolve("cache").resolve("features"));
    }

    /** Caches built / reused by this instance, and items encoded while building. */
    public record Stats(int builds, int reuses, int itemsEncoded) {}

    public Stats stats() {
        return new Stats(builds.get(), reuses.get(), itemsEncoded.get());
    }

    /**
     * Returns the cache for ({@code state}'s version, encoder, resolution, dtype), building it
     * when absent: each included item's picture is centre-cropped to a square, resized to
     * {@code resolution} and passed with its caption to {@code encoder}.
     */
    public Entry ensure(Dataset dataset, DatasetState state, FeatureEncoder encoder, int resolution, String dtype,
            ProgressListener progress, BooleanSupplier cancel) throws IOException {
        FeatureKey key = new FeatureKey(state.version(), encoder.modelId(), resolution, dtype);
        Path dir = root.resolve(key.digest());
        List<String> ids = state.included().stream().map(ItemView::id).toList();
        if (Files.isRegularFile(dir.resolve(KEY_FILE)) && keyJson(key, ids).equals(JSON.readTree(dir.resolve(KEY_FILE).toFile()))) {
            reuses.incrementAndGet();
            return new Entry(dir, key, false, ids);
        }
        Files.createDirectories(root);
        AtomicFiles.removeStaleTemps(root);
        Path staging = AtomicFiles.tempSibling(dir);
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        try {
            Path items = Files.createDirectories(staging.resolve("items"));
            List<ItemView> included = state.included();
            for (int i = 0; i < included.size(); i++) {
                Cancellation.check(cancel, "feature cache build");
                ItemView v = included.get(i);
                BufferedImage picture = Dataset.readImage(dataset.imageFile(v.id()));
                Map<String, FloatTensor> features = encoder.encode(v, ImageOps.centerCropSquare(picture, resolution));
                itemsEncoded.incrementAndGet();
                FeatureFiles.write(items.resolve(v.id() + ".safetensors"), features, dtype,
                        Map.of("item", v.id(), "dataset_version", key.datasetVersion(), "model", key.modelId()));
                listener.progress("encode", i + 1, included.size());
            }
            Files.write(staging.resolve(KEY_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(keyJson(key, ids)));
            AtomicFiles.deleteTree(dir);
            AtomicFiles.move(staging, dir);
        } finally {
            AtomicFiles.deleteTree(staging);
        }
        builds.incrementAndGet();
        return new Entry(dir, key, true, ids);
    }

    private static JsonNode keyJson(FeatureKey key, List<String> ids) {
        ObjectNode n = JSON.createObjectNode();
        n.put("datasetVersion", key.datasetVersion());
        n.put("modelId", key.modelId());
        n.put("resolution", key.resolution());
        n.put("dtype", key.dtype());
        ids.forEach(n.putArray("items")::add);
        return n;
    }

    /** A complete cache: what training reads. */
    public static final class Entry {
        private final Path dir;
        private final FeatureKey key;
        private final boolean built;
        private final List<String> itemIds;

        Entry(Path dir, FeatureKey key, boolean built, List<String> itemIds) {
            this.dir = dir;
            this.key = key;
            this.built = built;
            this.itemIds = List.copyOf(itemIds);
        }

        public Path dir() {
            return dir;
        }

        public FeatureKey key() {
            return key;
        }

        /** Whether this call built the cache (false: an existing one was reused). */
        public boolean built() {
            return built;
        }

        /** Cached items, in dataset order. */
        public List<String> itemIds() {
            return itemIds;
        }

        /** The features of one cached item. */
        public Map<String, FloatTensor> load(String itemId) throws IOException {
            if (!itemIds.contains(itemId)) {
                throw new IllegalArgumentException("item '" + itemId + "' is not in cache " + dir);
            }
            return FeatureFiles.read(dir.resolve("items").resolve(itemId + ".safetensors"));
        }

        /** Every cached item's features, in dataset order. */
        public List<Map<String, FloatTensor>> loadAll() throws IOException {
            List<Map<String, FloatTensor>> out = new ArrayList<>();
            for (String id : itemIds) {
                out.add(load(id));
            }
            return out;
        }
    }
}
