package com.pokegen.engine.export.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.pokegen.engine.io.JsonFiles;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.GenerationResult;
import com.pokegen.engine.pipeline.TextToImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OnnxExport} on a pixel-space pipeline (no VAE: no decoder file, the manifest says so),
 * and its refusals: a folder that is not a pipeline, a text encoder it cannot ship, a taken
 * output folder, an export given as the model.
 */
class OnnxExportTest {

    @TempDir
    Path tmp;


    static final Path PIPELINE_TINY = Path.of("src/test/resources/fixtures/pipeline_tiny/pipeline");
    @Test
    void pixelSpaceExportHasNoDecoderAndMatchesTheEngine() throws Exception {
        Path model = OnnxTestPipelines.pixelPipeline(tmp.resolve("pixel"));
        Path stale = Files.createDirectories(tmp.resolve("onnx.tmp-00000000deadbeef")); // a killed export's
        Path foreign = Files.writeString(tmp.resolve("other.tmp-1"), "someone else's");
        OnnxExport.Result r = OnnxExport.export(model, tmp.resolve("onnx"), EnumSet.of(WeightPrecision.FP32,
                WeightPrecision.INT8), false);
        Path out = r.folder();
        assertFalse(Files.exists(stale), "the leftover of a killed export of the same folder is removed");
        assertTrue(Files.exists(foreign), "other temporaries are left alone");
        assertFalse(Files.exists(out.resolve("vae_decoder")), "pixel space: no decoder folder");
        assertTrue(Files.isRegularFile(out.resolve("unet/model.onnx")));
        assertTrue(Files.isRegularFile(out.resolve("unet/model.int8.onnx")));
        assertFalse(Files.exists(out.resolve("unet/model.fp16.onnx")), "only the precisions asked for");
        assertTrue(Files.isRegularFile(out.resolve("text_encoder/model.onnx")));
        assertTrue(Files.isRegularFile(out.resolve("tokenizer/tokenizer.json")));
        JsonNode m = JsonFiles.readObject(out.resolve(OnnxExport.MANIFEST));
        assertEquals("pixel", m.get("space").asText());
        assertTrue(m.get("vae_decoder").isNull(), "the manifest says there is no decoder");
        assertEquals(16, m.at("/image/width").asInt());
        assertEquals(1.0, m.at("/latents/scaling_factor").asDouble());
        assertEquals(17, m.get("opset").asInt());
        assertEquals(List.of(999.0), List.of(m.at("/scheduler/steps/1/timesteps/0").asDouble()));
        assertEquals(4, m.at("/scheduler/steps/4/timesteps").size());
        assertEquals(5, m.at("/scheduler/steps/4/sigmas").size(), "σ for each step plus the final 0");
        assertFalse(m.at("/measured/fp32").has("decoder_output"));
        double unet = m.at("/measured/fp32/unet_output/max_abs_diff").asDouble();
        double image = m.at("/measured/fp32/image_1_step/max_abs_diff").asDouble();
        System.out.printf("pixel-space ONNX fp32: UNet max diff %.3g, 1-step image max diff %.3g levels%n", unet, image);
        assertTrue(unet <= 1e-4, "UNet fp32 parity " + unet);
        assertTrue(image <= 1.0, "1-step image within one 8-bit level: " + image);
        String readme = Files.readString(out.resolve("README.md"));
        assertTrue(readme.contains("no decoder"), readme);

        // the ORT backend on its own, same seed: the image of the engine
        try (DiffusionPipeline engine = DiffusionPipeline.load(model);
                OnnxPipeline ort = OnnxPipeline.open(out, WeightPrecision.FP32)) {
            GenerationRequest req = GenerationRequest.builder().setPrompts(List.of("a red pokemon")).setSeeds(42)
                    .optSteps(1).build();
            GenerationResult a = TextToImage.of(engine).generate(req);
            GenerationResult b = ort.textToImage().generate(req);
            OnnxExport.Diff d = OnnxExport.Diff.of(b.images(), a.images());
            assertTrue(d.max() * 255 <= 1.0, "ORT image vs engine: " + d.max() * 255 + " levels");
            assertTrue(b.settings().modelId().endsWith("+onnxruntime-fp32"), b.settings().modelId());
        }
    }

    @Test
    void aFolderThatIsNotAPipelineIsRefusedByName() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("not-a-model"));
        Files.writeString(empty.resolve("notes.txt"), "hello");
        IOException e = assertThrows(IOException.class, () -> OnnxExport.export(empty, tmp.resolve("o"),
                Set.of(WeightPrecision.FP32), false));
        assertTrue(e.getMessage().contains("model_index.json"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    }

    @Test
    void aClipTextEncoderIsNamedAsUnsupported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.export(
                PIPELINE_TINY, tmp.resolve("o"), Set.of(WeightPrecision.FP32), false));
        assertTrue(e.getMessage().contains("text encoder") && e.getMessage().contains("MiniLM"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    }

    @Test
    void aTakenOutputFolderAndAnExportAsModelAreRefused() throws Exception {
        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> OnnxExport.export(PIPELINE_TINY, taken,
                Set.of(WeightPrecision.FP32), false));
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals("mine", Files.readString(taken.resolve("keep.txt")));

        Path export = Files.createDirectories(tmp.resolve("export"));
        Files.writeString(export.resolve(OnnxExport.MANIFEST), "{\"format\": 1}");
        IOException e2 = assertThrows(IOException.class, () -> OnnxExport.export(export, tmp.resolve("o2"),
                Set.of(WeightPrecision.FP32), false));
        assertTrue(e2.getMessage().contains("already an ONNX export"), e2.getMessage());

        IOException e3 = assertThrows(IOException.class, () -> OnnxPipeline.open(taken, WeightPrecision.FP32));
        assertTrue(e3.getMessage().contains(OnnxExport.MANIFEST) && e3.getMessage().contains("--format onnx"),
                e3.getMessage());
    }

    @Test
    void unknownPrecisionNamesTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightPrecision.parse("bf16"));
        assertTrue(e.getMessage().contains("fp32, fp16 or int8"), e.getMessage());
        assertEquals(WeightPrecision.INT8, WeightPrecision.parse(" INT8 "));
    }

    @Test
    void layersTheExporterDoesNotKnowAreNamed() throws Exception {
        Path dir = OnnxGraphParityTest.PARITY.resolve("unet_sd15_like");
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = new UNet2DConditionModel(UNet2DConditionConfig.fromFile(dir.resolve("config.json")));
            unet.initialize(m);
            // a parameter no translated block reads: the graph would silently drop it
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("conv_in.weight", StateDict.arrays(unet).get("conv_in.weight"));
            params.put("mystery_block.weight", m.ones(new ai.djl.ndarray.types.Shape(2)));
            OnnxGraphBuilder g = new OnnxGraphBuilder("unet", WeightPrecision.FP32, params, m);
            g.values("conv_in.weight");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.requireAllUsed("unet"));
            assertTrue(e.getMessage().contains("mystery_block.weight") && e.getMessage().contains("does not support"),
                    e.getMessage());

            // a LoRA side path is not in the weights: refused, naming the layer
            Linear l1 = (Linear) StateDict.modules(unet).get("time_embedding.linear_1");
            l1.adapters().attach(x -> x.zerosLike().sum(new int[] {-1}, true).broadcast(x.getShape()));
            IllegalArgumentException lora = assertThrows(IllegalArgumentException.class,
                    () -> UNetOnnx.build(unet, WeightPrecision.FP32, m));
            assertTrue(lora.getMessage().contains("time_embedding.linear_1") && lora.getMessage().contains("merge-lora"),
                    lora.getMessage());
        }
    }
}
