package com.pokegen.engine.data.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.data.Cancellation;
import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.data.DatasetImporter;
import com.pokegen.engine.data.ImportOptions;
import com.pokegen.engine.data.ItemView;
import com.pokegen.engine.data.ProgressListener;
import com.pokegen.engine.data.SourceFixturesAccess;
import com.pokegen.engine.data.image.ImageOps;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.FloatTensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Done-when 5: the feature cache is rebuilt when its key changes and reused (counted) when not. */
class FeatureCacheTest {

    @TempDir
    Path tmp;

    private Dataset ds;

    /** A stand-in encoder with closed-form outputs that counts its calls. */
    static final class CountingEncoder implements FeatureEncoder {
        final String id;
        int calls;

        CountingEncoder(String id) {
            this.id = id;
        }

        @Override
        public String modelId() {
            return id;
        }

        @Override
        public Map<String, FloatTensor> encode(ItemView item, BufferedImage picture) {
            calls++;
            Map<String, FloatTensor> out = new LinkedHashMap<>();
            out.put("latents", blockMeans(picture));
            int[] cps = item.caption().codePoints().toArray();
            float[] text = new float[cps.length];
            for (int i = 0; i < cps.length; i++) {
                text[i] = cps[i] / 1000f;
            }
            out.put("text_states", new FloatTensor(new long[] {cps.length, 1}, text));
            return out;
        }

        /** (3, H/8, W/8): each channel's mean over 8×8 blocks, mapped to [-1, 1]. */
        static FloatTensor blockMeans(BufferedImage rgb) {
            int h = rgb.getHeight() / 8;
            int w = rgb.getWidth() / 8;
            float[] data = new float[3 * h * w];
            for (int c = 0; c < 3; c++) {
                for (int by = 0; by < h; by++) {
                    for (int bx = 0; bx < w; bx++) {
                        int sum = 0;
                        for (int y = 0; y < 8; y++) {
                            for (int x = 0; x < 8; x++) {
                                sum += (rgb.getRGB(bx * 8 + x, by * 8 + y) >> (16 - 8 * c)) & 0xFF;
                            }
                        }
                        data[(c * h + by) * w + bx] = sum / 64f / 127.5f - 1f;
                    }
                }
            }
            return new FloatTensor(new long[] {3, h, w}, data);
        }
    }

    @BeforeEach
    void importFixture() throws IOException {
        Path source = SourceFixturesAccess.imageFolder(tmp.resolve("src"));
        ds = DatasetImporter.importFrom(source, tmp.resolve("ds"), ImportOptions.defaults(), ProgressListener.NONE,
                Cancellation.NEVER);
        ds.exclude(List.of("b"), "not wanted");
    }

    private FeatureCache.Entry ensure(FeatureCache cache, FeatureEncoder enc, int res, String dtype) throws IOException {
        return cache.ensure(ds, ds.state(), enc, res, dtype, ProgressListener.NONE, Cancellation.NEVER);
    }

    @Test
    void rebuildsOnKeyChangeAndReusesOtherwise() throws IOException {
        FeatureCache cache = FeatureCache.of(ds);
        CountingEncoder enc = new CountingEncoder("vae-abc+text-def");
        FeatureCache.Entry first = ensure(cache, enc, 64, "float32");
        assertTrue(first.built());
        assertEquals(List.of("a", "c", "d", "e"), first.itemIds(), "excluded items are not cached");
        assertEquals(4, enc.calls);

        FeatureCache.Entry again = ensure(cache, enc, 64, "float32");
        assertFalse(again.built(), "unchanged key: reused");
        assertEquals(4, enc.calls, "no item encoded on reuse");
        assertEquals(new FeatureCache.Stats(1, 1, 4), cache.stats());

        assertTrue(ensure(cache, enc, 32, "float32").built(), "resolution changed: rebuilt");
        assertEquals(8, enc.calls);
        assertTrue(ensure(cache, enc, 64, "bfloat16").built(), "dtype changed: rebuilt");
        assertTrue(ensure(cache, new CountingEncoder("vae-xyz+text-def"), 64, "float32").built(), "model changed: rebuilt");

        ds.editCaption("a", "another caption");
        assertTrue(ensure(cache, enc, 64, "float32").built(), "dataset version changed: rebuilt");
        int calls = enc.calls;
        ds.undo();
        assertFalse(ensure(cache, enc, 64, "float32").built(), "undo returns to a cached version");
        assertEquals(calls, enc.calls);
        assertEquals(new FeatureCache.Stats(5, 2, 20), cache.stats());
    }

    @Test
    void storesWhatTheEncoderComputed() throws IOException {
        FeatureCache cache = FeatureCache.of(ds);
        FeatureCache.Entry f32 = ensure(cache, new CountingEncoder("m"), 64, "float32");
        BufferedImage picture = ImageOps.centerCropSquare(ImageIO.read(ds.imageFile("a").toFile()), 64);
        FloatTensor expected = CountingEncoder.blockMeans(picture);
        Map<String, FloatTensor> a = f32.load("a");
        assertEquals(expected, a.get("latents"));
        assertArrayEquals(new long[] {ds.state().item("a").caption().length(), 1}, a.get("text_states").shape());

        FeatureCache.Entry bf16 = ensure(cache, new CountingEncoder("m"), 64, "bfloat16");
        float[] approx = bf16.load("a").get("latents").data();
        for (int i = 0; i < approx.length; i++) {
            assertEquals(expected.data()[i], approx[i], Math.abs(expected.data()[i]) * 0x1p-8f + 1e-30f, "bf16 value " + i);
        }

        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> read = Safetensors.read(f32.dir().resolve("items/a.safetensors"), manager);
            assertArrayEquals(expected.data(), read.get("latents").toFloatArray(), "readable by the engine's reader");
            assertArrayEquals(new long[] {3, 8, 8}, read.get("latents").getShape().getShape());
        }
    }

    @Test
    void aCrashedBuildIsNotMistakenForACache() throws IOException {
        Path root = ds.dir().resolve("cache/features");
        Path leftover = Files.createDirectories(root.resolve("0123456789abcdef.tmp-dead0001/items"));
        Files.writeString(leftover.resolve("a.safetensors"), "half written");
        CountingEncoder enc = new CountingEncoder("m");
        assertTrue(FeatureCache.of(ds).ensure(ds, ds.state(), enc, 64, "float16", ProgressListener.NONE,
                Cancellation.NEVER).built());
        assertFalse(Files.exists(leftover.getParent()), "stale staging removed");
    }
}
