package com.pokegen.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.ComponentFolder.Library;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diffusers folder written by {@code StableDiffusionPipeline.save_pretrained} (fixtures/pipeline_tiny). */
class ComponentFolderTest {

    static final Path PIPELINE = Path.of("src/test/resources/fixtures/pipeline_tiny/pipeline");
    static final List<String> MODELS = List.of("unet", "vae", "text_encoder");

    @TempDir
    Path tmp;

    NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    static Library libraryOf(ModelIndex index, String component) {
        return Library.fromId(index.component(component).orElseThrow().library()).orElseThrow();
    }

    @Test
    void eachModelComponentHasItsConfigAndWeights() throws IOException {
        ModelIndex index = ModelIndex.read(PIPELINE);
        Map<String, String> fileNames = Map.of("unet", "diffusion_pytorch_model.safetensors",
                "vae", "diffusion_pytorch_model.safetensors", "text_encoder", "model.safetensors");
        Map<String, Integer> counts = Map.of("unet", 208, "vae", 124, "text_encoder", 36);
        for (String name : MODELS) {
            ComponentFolder folder = ComponentFolder.open(PIPELINE, name);
            ObjectNode config = folder.readConfig();
            String declared = index.component(name).orElseThrow().className();
            String inConfig = config.has("_class_name") ? config.get("_class_name").asText()
                    : config.get("architectures").get(0).asText();
            assertEquals(declared, inConfig, name);
            ComponentWeights w = folder.locateWeights();
            assertFalse(w.isSharded());
            assertNull(w.variant());
            assertEquals(fileNames.get(name), w.files().get(0).getFileName().toString());
            assertEquals(counts.get(name), folder.tensorInfos().size(), name);
        }
        assertEquals(new Shape(32, 4, 3, 3), ComponentFolder.open(PIPELINE, "unet").tensorInfos().get("conv_in.weight").shape());
        assertEquals(new Shape(634, 32),
                ComponentFolder.open(PIPELINE, "text_encoder").tensorInfos().get("embeddings.token_embedding.weight").shape());
        assertEquals("DDIMScheduler",
                ComponentFolder.open(PIPELINE, "scheduler").readConfig("scheduler_config.json").get("_class_name").asText());
    }

    /** Load, save with diffusers' names, and the files come out byte-identical to diffusers' own. */
    @Test
    void savedComponentsAreBitExactWithDiffusersFileNames() throws IOException {
        ModelIndex index = ModelIndex.read(PIPELINE);
        for (String name : MODELS) {
            ComponentFolder source = ComponentFolder.open(PIPELINE, name);
            Map<String, NDArray> tensors = source.loadTensors(manager);
            Path out = tmp.resolve(name);
            ComponentWeights saved = ComponentFolder.save(out, libraryOf(index, name), source.readConfig(), tensors);

            Path original = source.locateWeights().files().get(0);
            assertEquals(original.getFileName(), saved.files().get(0).getFileName());
            assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(saved.files().get(0)), name);
            ComponentFolder copy = ComponentFolder.open(out);
            assertEquals(source.readConfig(), copy.readConfig());
            Map<String, NDArray> back = copy.loadTensors(manager);
            assertEquals(tensors.keySet(), back.keySet());
            for (String k : tensors.keySet()) {
                assertArrayEquals(SafetensorsTest.bytesOf(tensors.get(k)), SafetensorsTest.bytesOf(back.get(k)), k);
            }
            try (Stream<Path> files = Files.list(out)) {
                assertEquals(2, files.count(), "config.json + weights, no temp files");
            }
        }
    }

    @Test
    void fp16VariantIsWrittenAndFoundByName() throws IOException {
        ComponentFolder vae = ComponentFolder.open(PIPELINE, "vae");
        Map<String, NDArray> tensors = vae.loadTensors(manager);
        Path out = tmp.resolve("vae16");
        ComponentFolder.save(out, Library.DIFFUSERS, vae.readConfig(), tensors, DataType.FLOAT16, "fp16");
        assertTrue(Files.isRegularFile(out.resolve("diffusion_pytorch_model.fp16.safetensors")));

        ComponentFolder folder = ComponentFolder.open(out);
        assertEquals("fp16", folder.locateWeights().variant(), "the only variant is used when no plain weights exist");
        NDArray w = folder.loadTensors(manager).get("decoder.conv_in.weight");
        assertEquals(DataType.FLOAT16, w.getDataType());
        assertArrayEquals(tensors.get("decoder.conv_in.weight").toType(DataType.FLOAT16, false).toFloatArray(),
                w.toFloatArray());
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> folder.locateWeights("bf16"));
        assertTrue(e.getMessage().contains("diffusion_pytorch_model.bf16.safetensors") && e.getMessage().contains("[fp16]"),
                e.getMessage());
    }

    /** Splits the VAE into two shards with an index, as save_pretrained(max_shard_size=...) does. */
    Path shardedVae(String indexJsonOverride) throws IOException {
        Map<String, NDArray> all = ComponentFolder.open(PIPELINE, "vae").loadTensors(manager);
        Map<String, NDArray> first = new LinkedHashMap<>();
        Map<String, NDArray> second = new LinkedHashMap<>();
        Map<String, String> weightMap = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            boolean encoder = k.startsWith("encoder.");
            (encoder ? first : second).put(k, v);
            weightMap.put(k, encoder ? "diffusion_pytorch_model-00001-of-00002.safetensors"
                    : "diffusion_pytorch_model-00002-of-00002.safetensors");
        });
        Path dir = tmp.resolve("sharded");
        Safetensors.write(dir.resolve("diffusion_pytorch_model-00001-of-00002.safetensors"), first, Map.of("format", "pt"));
        Safetensors.write(dir.resolve("diffusion_pytorch_model-00002-of-00002.safetensors"), second, Map.of("format", "pt"));
        ObjectNode index = JsonFiles.MAPPER.createObjectNode();
        index.putObject("metadata").put("total_size", 671836);
        weightMap.forEach(index.putObject("weight_map")::put);
        AtomicFiles.writeString(dir.resolve("diffusion_pytorch_model.safetensors.index.json"),
                indexJsonOverride != null ? indexJsonOverride : JsonFiles.toPythonStyle(index));
        Files.copy(PIPELINE.resolve("vae/config.json"), dir.resolve("config.json"));
        return dir;
    }

    @Test
    void shardedWeightsLoadCompletely() throws IOException {
        ComponentFolder folder = ComponentFolder.open(shardedVae(null));
        ComponentWeights w = folder.locateWeights();
        assertTrue(w.isSharded());
        assertEquals(2, w.files().size());
        Map<String, NDArray> loaded = folder.loadTensors(manager);
        Map<String, NDArray> reference = ComponentFolder.open(PIPELINE, "vae").loadTensors(manager);
        assertEquals(reference.keySet(), loaded.keySet());
        for (String k : reference.keySet()) {
            assertArrayEquals(SafetensorsTest.bytesOf(reference.get(k)), SafetensorsTest.bytesOf(loaded.get(k)), k);
        }
        // Saving a single file over it removes the stale index and shards diffusers would prefer.
        ComponentFolder.save(folder.dir(), Library.DIFFUSERS, folder.readConfig(), loaded);
        try (Stream<Path> files = Files.list(folder.dir())) {
            assertEquals(List.of("config.json", "diffusion_pytorch_model.safetensors"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void brokenShardIndexesAreExplained() throws IOException {
        Path dir = shardedVae(null);
        Path index = dir.resolve("diffusion_pytorch_model.safetensors.index.json");
        String good = Files.readString(index);

        Files.delete(dir.resolve("diffusion_pytorch_model-00002-of-00002.safetensors"));
        IOException missing = assertThrows(IOException.class, () -> ComponentFolder.open(dir).loadTensors(manager));
        assertTrue(missing.getMessage().contains("00002-of-00002") && missing.getMessage().contains("missing"),
                missing.getMessage());

        Files.writeString(index, good.replaceFirst("00001-of-00002", "00002-of-00002"));
        Files.copy(dir.resolve("diffusion_pytorch_model-00001-of-00002.safetensors"),
                dir.resolve("diffusion_pytorch_model-00002-of-00002.safetensors"));
        IOException disagree = assertThrows(IOException.class, () -> ComponentFolder.open(dir).tensorInfos());
        assertTrue(disagree.getMessage().contains("disagree") || disagree.getMessage().contains("also present"),
                disagree.getMessage());

        Files.writeString(index, good.replaceFirst("diffusion_pytorch_model-00001-of-00002", "../escape"));
        IOException escape = assertThrows(IOException.class, () -> ComponentFolder.open(dir).locateWeights());
        assertTrue(escape.getMessage().contains("not a file name"), escape.getMessage());
    }

    @Test
    void missingCorruptAndTruncatedFoldersGiveClearErrors() throws IOException {
        Path missing = tmp.resolve("nope");
        NoSuchFileException noDir = assertThrows(NoSuchFileException.class, () -> ComponentFolder.open(missing));
        assertTrue(noDir.getMessage().contains(missing.toString()));

        Path dir = tmp.resolve("vae");
        Files.createDirectories(dir);
        ComponentFolder folder = ComponentFolder.open(dir);
        IOException noConfig = assertThrows(IOException.class, folder::readConfig);
        assertTrue(noConfig.getMessage().contains("config.json") && noConfig.getMessage().contains(dir.toString()));
        IOException noWeights = assertThrows(IOException.class, folder::locateWeights);
        assertTrue(noWeights.getMessage().contains("diffusion_pytorch_model.safetensors")
                && noWeights.getMessage().contains("model.safetensors") && noWeights.getMessage().contains(dir.toString()),
                noWeights.getMessage());

        Files.writeString(dir.resolve("config.json"), "{\"_class_name\": \"AutoencoderKL\", \"in_channels\": ");
        IOException corrupt = assertThrows(IOException.class, folder::readConfig);
        assertTrue(corrupt.getMessage().contains("config.json") && corrupt.getMessage().contains("invalid JSON"),
                corrupt.getMessage());
        Files.writeString(dir.resolve("config.json"), "{\"a\": 1, \"a\": 2}");
        assertTrue(assertThrows(IOException.class, folder::readConfig).getMessage().contains("a"));

        byte[] weights = Files.readAllBytes(PIPELINE.resolve("vae/diffusion_pytorch_model.safetensors"));
        Files.write(dir.resolve("diffusion_pytorch_model.safetensors"), Arrays.copyOf(weights, weights.length - 100));
        SafetensorsFormatException truncated = assertThrows(SafetensorsFormatException.class,
                () -> folder.loadTensors(manager));
        assertTrue(truncated.getMessage().contains("diffusion_pytorch_model.safetensors")
                && truncated.getMessage().contains("tensor '") && truncated.getMessage().contains("truncated"),
                truncated.getMessage());
    }

    @Test
    void pickleWeightsAreRefusedWithAConversionHint() throws IOException {
        Path dir = tmp.resolve("old");
        Files.createDirectories(dir);
        Files.write(dir.resolve("diffusion_pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        IOException e = assertThrows(IOException.class, () -> ComponentFolder.open(dir).locateWeights());
        assertTrue(e.getMessage().contains("diffusion_pytorch_model.bin") && e.getMessage().contains("safetensors")
                && e.getMessage().contains("save_pretrained"), e.getMessage());
    }

    @Test
    void severalVariantsWithoutPlainWeightsAskForAChoice() throws IOException {
        Path dir = tmp.resolve("multi");
        Map<String, NDArray> t = Map.of("w", manager.create(new float[] {1, 2}));
        Safetensors.write(dir.resolve("model.fp16.safetensors"), t, Map.of());
        Safetensors.write(dir.resolve("model.bf16.safetensors"), t, Map.of());
        IOException e = assertThrows(IOException.class, () -> ComponentFolder.open(dir).locateWeights());
        assertTrue(e.getMessage().contains("[bf16, fp16]"), e.getMessage());
        assertEquals("model.bf16.safetensors",
                ComponentFolder.open(dir).locateWeights("bf16").files().get(0).getFileName().toString());
    }
}
