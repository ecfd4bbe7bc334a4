package com.pokegen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.io.SafetensorsFile;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.text.ClipTextEncoder;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import com.pokegen.engine.model.vae.AutoencoderKL;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading and saving diffusers folders: round trips, layout, the MiniLM marker, clear errors. */
class DiffusionPipelineFolderTest {

    @TempDir
    Path tmp;

    @Test
    void saveThenLoadIsBitExact() throws Exception {
        Path copy = tmp.resolve("copy");
        try (DiffusionPipeline original = DiffusionPipeline.load(PipelineFixtures.pipelineFolder())) {
            original.save(copy, false);
            try (DiffusionPipeline loaded = DiffusionPipeline.load(copy)) {
                assertSameTensors(original.unet(), loaded.unet());
                assertSameTensors((AutoencoderKL) original.codec(), (AutoencoderKL) loaded.codec());
                assertSameTensors(((ClipTextEncoder) original.textEncoder()).model(),
                        ((ClipTextEncoder) loaded.textEncoder()).model());
                assertEquals(original.unet().config(), loaded.unet().config());
                assertEquals(((AutoencoderKL) original.codec()).config(), ((AutoencoderKL) loaded.codec()).config());
                assertEquals(original.schedulerConfig(), loaded.schedulerConfig());
                assertEquals(original.metadata(), loaded.metadata());
                for (String f : List.of("vocab.json", "merges.txt", "tokenizer.json", "tokenizer_config.json")) {
                    assertArrayEquals(Files.readAllBytes(PipelineFixtures.pipelineFolder().resolve("tokenizer").resolve(f)),
                            Files.readAllBytes(copy.resolve("tokenizer").resolve(f)), "tokenizer/" + f + " copied unchanged");
                }
                GenerationRequest r = GenerationRequest.builder().setPrompts(List.of("a red pokemon"))
                        .setSeeds(3).optSteps(2).build();
                assertEquals(TextToImage.of(original).generate(r).images(), TextToImage.of(loaded).generate(r).images());
            }
        }
    }

    @Test
    void savedFolderUsesDiffusersNamesAndKeys() throws Exception {
        Path copy = tmp.resolve("copy");
        Path fixture = PipelineFixtures.pipelineFolder();
        try (DiffusionPipeline p = DiffusionPipeline.load(fixture)) {
            p.save(copy, false);
        }
        for (String file : List.of("unet/diffusion_pytorch_model.safetensors", "vae/diffusion_pytorch_model.safetensors",
                "text_encoder/model.safetensors")) {
            try (SafetensorsFile ours = SafetensorsFile.open(copy.resolve(file));
                    SafetensorsFile theirs = SafetensorsFile.open(fixture.resolve(file))) {
                assertEquals(new HashSet<>(theirs.names()), new HashSet<>(ours.names()), file);
                assertEquals("pt", ours.metadata().get("format"));
            }
        }
        for (String file : List.of("tokenizer/vocab.json", "tokenizer/merges.txt", "tokenizer/tokenizer.json",
                "tokenizer/tokenizer_config.json", "scheduler/scheduler_config.json", "unet/config.json",
                "vae/config.json", "text_encoder/config.json", "pokegen.json")) {
            assertTrue(Files.isRegularFile(copy.resolve(file)), file);
        }
        var index = new ObjectMapper().readTree(copy.resolve("model_index.json").toFile());
        assertEquals("StableDiffusionPipeline", index.get("_class_name").asText());
        assertEquals("CLIPTextModel", index.get("text_encoder").get(1).asText());
        assertEquals("DDIMScheduler", index.get("scheduler").get(1).asText());
        assertEquals("UNet2DConditionModel", index.get("unet").get(1).asText());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(copy), s.toList(), "no temporary folders left behind");
        }
    }

    @Test
    void saveRefusesANonEmptyFolderUnlessReplacing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("keep.txt"), "mine");
        try (DiffusionPipeline p = DiffusionPipeline.load(PipelineFixtures.pipelineFolder())) {
            IOException e = assertThrows(IOException.class, () -> p.save(dir, false));
            assertTrue(e.getMessage().contains("not empty"), e.getMessage());
            assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
            p.save(dir, true);
        }
        assertFalse(Files.exists(dir.resolve("keep.txt")));
        DiffusionPipeline.load(dir).close();
    }

    @Test
    void miniLmPipelineIsMarkedAndReopensWithTheBundledEncoder() throws Exception {
        Path dir = TinyPipelines.writeRandomMiniLm(tmp.resolve("minilm"), 1,
                PokegenMetadata.NONE.withRecommended(RecommendedSettings.ADD_STUDENT));
        var index = new ObjectMapper().readTree(dir.resolve("model_index.json").toFile());
        assertEquals("BertModel", index.get("text_encoder").get(1).asText());
        assertEquals("BertTokenizerFast", index.get("tokenizer").get(1).asText());
        assertFalse(Files.exists(dir.resolve("text_encoder/model.safetensors")));
        try (DiffusionPipeline p = DiffusionPipeline.load(dir)) {
            assertInstanceOf(MiniLmTextEncoder.class, p.textEncoder());
            assertEquals(PokegenMetadata.MINILM, p.metadata().textEncoder());
            assertEquals(RecommendedSettings.ADD_STUDENT, p.metadata().recommended());
            GenerationResult r = TextToImage.of(p).generate(GenerationRequest.builder()
                    .setPrompts(List.of("a blue water pokemon")).setSeeds(1).build());
            assertArrayEquals(new long[] {1, 3, 16, 16}, r.images().shape());
        }
    }

    @Test
    void missingOrIncompleteFoldersGiveClearErrors() throws Exception {
        IOException missing = assertThrows(IOException.class, () -> DiffusionPipeline.load(tmp.resolve("nope")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IOException noIndex = assertThrows(IOException.class, () -> DiffusionPipeline.load(empty));
        assertTrue(noIndex.getMessage().contains("model_index.json is missing"), noIndex.getMessage());

        Path copy = tmp.resolve("copy");
        try (DiffusionPipeline p = DiffusionPipeline.load(PipelineFixtures.pipelineFolder())) {
            p.save(copy, false);
        }
        Files.delete(copy.resolve("unet/diffusion_pytorch_model.safetensors"));
        IOException noWeights = assertThrows(IOException.class, () -> DiffusionPipeline.load(copy));
        assertTrue(noWeights.getMessage().contains("unet/diffusion_pytorch_model.safetensors is missing"),
                noWeights.getMessage());

        Files.writeString(copy.resolve("pokegen.json"), "{\"recommended\": {\"steps\": 0}}");
        IOException badMeta = assertThrows(IOException.class, () -> DiffusionPipeline.load(copy));
        assertTrue(badMeta.getMessage().contains("pokegen.json") && badMeta.getMessage().contains("steps"),
                badMeta.getMessage());
    }

    private static void assertSameTensors(Module a, Module b) {
        Map<String, NDArray> x = StateDict.arrays(a);
        Map<String, NDArray> y = StateDict.arrays(b);
        assertEquals(x.keySet(), y.keySet());
        for (String k : x.keySet()) {
            assertArrayEquals(x.get(k).toFloatArray(), y.get(k).toFloatArray(), k);
        }
    }
}
