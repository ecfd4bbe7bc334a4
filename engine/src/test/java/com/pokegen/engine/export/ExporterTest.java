package com.pokegen.engine.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.io.SafetensorsFile;
import com.pokegen.engine.io.TensorInfo;
import com.pokegen.engine.model.text.BertTextEncoder;
import com.pokegen.engine.model.text.EncodedText;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.GenerationResult;
import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.RecommendedSettings;
import com.pokegen.engine.pipeline.TextToImage;
import com.pokegen.engine.pipeline.TinyPipelines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export of a tiny MiniLM student: the diffusers file set and keys, and our loader reopening it. */
class ExporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROMPTS = List.of("a red fire type pokemon with wings", "");

    @TempDir
    static Path tmp;

    private static Path student;
    private static Path exported;

    @BeforeAll
    static void export() throws Exception {
        student = TinyPipelines.writeRandomMiniLm(tmp.resolve("student"), 5,
                new PokegenMetadata("tiny-student", "student", PokegenMetadata.MINILM, RecommendedSettings.ADD_STUDENT,
                        null));
        Exporter.Result r = Exporter.export(student, tmp.resolve("exported"), false);
        exported = r.folder();
        assertTrue(r.textEncoderConverted());
        assertEquals(103, r.textEncoderTensors());
    }

    private static JsonNode json(String relative) throws IOException {
        return JSON.readTree(exported.resolve(relative).toFile());
    }

    @Test
    void writesExactlyTheDiffusersFileSet() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(exported)) {
            walk.filter(Files::isRegularFile).forEach(p -> files.add(exported.relativize(p).toString().replace('\\', '/')));
        }
        assertEquals(new TreeSet<>(List.of("README.md", "model_index.json", "pokegen.json",
                "scheduler/scheduler_config.json",
                "text_encoder/config.json", "text_encoder/model.safetensors",
                "tokenizer/special_tokens_map.json", "tokenizer/tokenizer.json", "tokenizer/tokenizer_config.json",
                "tokenizer/vocab.txt",
                "unet/config.json", "unet/diffusion_pytorch_model.safetensors",
                "vae/config.json", "vae/diffusion_pytorch_model.safetensors")), files);
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of(), siblings.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                    .toList(), "no temporary folders may be left");
        }
        for (String copied : List.of("unet/config.json", "unet/diffusion_pytorch_model.safetensors", "vae/config.json",
                "vae/diffusion_pytorch_model.safetensors", "scheduler/scheduler_config.json")) {
            assertArrayEquals(Files.readAllBytes(student.resolve(copied)), Files.readAllBytes(exported.resolve(copied)),
                    copied);
        }
    }

    @Test
    void modelIndexNamesTransformersBert() throws IOException {
        JsonNode index = json("model_index.json");
        assertEquals("StableDiffusionPipeline", index.get("_class_name").asText());
        assertTrue(index.get("_diffusers_version").isTextual());
        assertEquals(JSON.readTree("[\"transformers\", \"BertModel\"]"), index.get("text_encoder"));
        assertEquals(JSON.readTree("[\"transformers\", \"BertTokenizerFast\"]"), index.get("tokenizer"));
        assertEquals(JSON.readTree("[\"diffusers\", \"UNet2DConditionModel\"]"), index.get("unet"));
        assertEquals(JSON.readTree("[\"diffusers\", \"AutoencoderKL\"]"), index.get("vae"));
        assertEquals(JSON.readTree("[\"diffusers\", \"DDIMScheduler\"]"), index.get("scheduler"));
        for (String absent : List.of("safety_checker", "feature_extractor", "image_encoder")) {
            assertEquals(JSON.readTree("[null, null]"), index.get(absent), absent);
        }
        assertFalse(index.get("requires_safety_checker").asBoolean(true));
        assertEquals(Set.of("_class_name", "_diffusers_version", "text_encoder", "tokenizer", "unet", "vae",
                "scheduler", "safety_checker", "feature_extractor", "image_encoder", "requires_safety_checker"),
                fieldNames(index));
    }

    @Test
    void textEncoderHasBertConfigAndInventoryWeights() throws IOException {
        JsonNode inventory = JSON.readTree(getClass().getResource("/fixtures/parity/inventory/minilm_l6_bert.json"));
        JsonNode config = json("text_encoder/config.json");
        assertEquals(JSON.readTree("[\"BertModel\"]"), config.get("architectures"));
        assertTrue(config.get("use_attention_mask").asBoolean());
        for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (inventory.get("config").has(key) && !Set.of("architectures", "dtype").contains(key)) {
                assertEquals(inventory.get("config").get(key), config.get(key), key);
            }
        }
        assertEquals(384, config.get("hidden_size").asInt());
        try (SafetensorsFile f = SafetensorsFile.open(exported.resolve("text_encoder/model.safetensors"))) {
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertEquals(inventory.get("num_tensors").asInt(), f.names().size());
            long params = 0;
            for (TensorInfo t : f.infos().values()) {
                JsonNode want = inventory.get("tensors").get(t.name());
                assertTrue(want != null, "unexpected tensor " + t.name());
                long[] dims = new long[want.size()];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = want.get(i).asLong();
                }
                assertArrayEquals(dims, t.shape().getShape(), t.name());
                assertEquals("F32", t.dtype().toString());
                params += t.elementCount();
            }
            assertEquals(22_713_216L, params);
        }
    }

    @Test
    void tokenizerFolderIsBertTokenizerFast() throws IOException {
        JsonNode tc = json("tokenizer/tokenizer_config.json");
        assertEquals("BertTokenizerFast", tc.get("tokenizer_class").asText());
        assertTrue(tc.get("do_lower_case").asBoolean());
        assertEquals(77, tc.get("model_max_length").asInt());
        assertEquals("[CLS]", tc.get("cls_token").asText());
        assertEquals("[SEP]", tc.get("sep_token").asText());
        assertEquals("[PAD]", tc.get("pad_token").asText());
        assertEquals("[UNK]", tc.get("unk_token").asText());
        assertEquals("[MASK]", tc.get("mask_token").asText());
        assertEquals(Set.of("cls_token", "sep_token", "pad_token", "unk_token", "mask_token"),
                fieldNames(json("tokenizer/special_tokens_map.json")));
        JsonNode tokenizer = json("tokenizer/tokenizer.json");
        assertTrue(tokenizer.get("truncation").isNull() && tokenizer.get("padding").isNull());
        List<String> vocab = Files.readAllLines(exported.resolve("tokenizer/vocab.txt"), StandardCharsets.UTF_8);
        assertEquals(30522, vocab.size());
        JsonNode ids = tokenizer.get("model").get("vocab");
        for (int id : new int[] {0, 100, 101, 102, 103, 2000, 30521}) {
            assertEquals(id, ids.get(vocab.get(id)).asInt(), "line " + id);
        }
        assertEquals("[CLS]", vocab.get(101));
    }

    @Test
    void pokegenJsonKeepsMetadataWithoutTheMarker() throws IOException {
        PokegenMetadata m = PokegenMetadata.read(exported);
        assertEquals(null, m.textEncoder());
        assertEquals("tiny-student", m.id());
        assertEquals("student", m.role());
        assertEquals(RecommendedSettings.ADD_STUDENT, m.recommended());
        assertFalse(json("pokegen.json").has("text_encoder"));
    }

    @Test
    void ourLoaderRunsTheExportedBertAndMakesTheSameImages() throws IOException {
        try (DiffusionPipeline source = DiffusionPipeline.load(student);
                DiffusionPipeline copy = DiffusionPipeline.load(exported);
                NDManager m = NDManager.newBaseManager()) {
            assertInstanceOf(BertTextEncoder.class, copy.textEncoder());
            assertEquals(77, copy.textEncoder().maxLength());
            try (EncodedText a = source.textEncoder().encode(PROMPTS, m);
                    EncodedText b = copy.textEncoder().encode(PROMPTS, m)) {
                assertArrayEquals(a.tokens().ids(), b.tokens().ids());
                float textDiff = MiniLmConversionTest.maxAbsDiff(a.hiddenStates().toFloatArray(),
                        b.hiddenStates().toFloatArray());
                // the empty prompt has a ~1e-4 rounding floor (see MiniLmConversionTest); real prompts agree to ~1e-5
                assertTrue(textDiff <= 3e-4f, "text states differ by " + textDiff);
                assertArrayEquals(a.pooled().toFloatArray(), b.pooled().toFloatArray(), 1e-4f);
            }
            GenerationRequest request = GenerationRequest.builder()
                    .setPrompts(List.of(PROMPTS.get(0))).setSeeds(new long[] {21}).optSteps(2).optGuidance(0).build();
            GenerationResult x = TextToImage.of(source).generate(request);
            GenerationResult y = TextToImage.of(copy).generate(request);
            float diff = x.images().maxAbsDiff(y.images());
            assertTrue(diff <= 1e-4f, "images differ by " + diff);
        }
    }

    @Test
    void anExportedFolderSavesAndReloadsAsBert() throws IOException {
        Path resaved = tmp.resolve("resaved");
        try (DiffusionPipeline copy = DiffusionPipeline.load(exported)) {
            copy.save(resaved, false);
        }
        try (DiffusionPipeline again = DiffusionPipeline.load(resaved);
                DiffusionPipeline copy = DiffusionPipeline.load(exported);
                NDManager m = NDManager.newBaseManager();
                EncodedText a = copy.textEncoder().encode(PROMPTS, m);
                EncodedText b = again.textEncoder().encode(PROMPTS, m)) {
            assertInstanceOf(BertTextEncoder.class, again.textEncoder());
            assertArrayEquals(a.hiddenStates().toFloatArray(), b.hiddenStates().toFloatArray());
            assertTrue(Files.isRegularFile(resaved.resolve("tokenizer/tokenizer.json")));
        } finally {
            try (Stream<Path> walk = Files.walk(resaved)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void refusesToOverwriteWithoutTheFlagAndReplacesWithIt() throws IOException {
        Path out = tmp.resolve("again");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "x");
        IOException e = assertThrows(IOException.class, () -> Exporter.export(student, out, false));
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertTrue(Files.exists(out.resolve("keep.txt")));
        Exporter.export(student, out, true);
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertTrue(Files.isRegularFile(out.resolve("text_encoder/model.safetensors")));
        assertThrows(IOException.class, () -> Exporter.export(student, student.resolve("inside"), true));
        Files.walk(out).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    /** Reliability issue: a killed export left a full hidden copy beside --out forever. */
    @Test
    void theNextExportRemovesWhatAKilledOneLeftBeside() throws IOException {
        Path parent = tmp.resolve("killed-exports");
        Path out = parent.resolve("killed");
        Path stale = Files.createDirectories(parent.resolve(".killed.exporting-1234abcd/unet"));
        Files.write(stale.resolve("diffusion_pytorch_model.safetensors"), new byte[4096]);
        Files.createDirectories(parent.resolve(".killed.old-1234abcd"));
        Path other = Files.createDirectories(parent.resolve(".killed-not-mine.exporting-1"));
        Exporter.export(student, out, false);
        assertFalse(Files.exists(parent.resolve(".killed.exporting-1234abcd")));
        assertFalse(Files.exists(parent.resolve(".killed.old-1234abcd")));
        assertTrue(Files.isDirectory(other), "another folder's temporaries are not ours to delete");
        assertTrue(Files.isRegularFile(out.resolve("model_index.json")));
        Files.walk(parent).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> names = new TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
