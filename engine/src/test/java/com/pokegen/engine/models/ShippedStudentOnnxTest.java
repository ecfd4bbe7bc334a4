package com.pokegen.engine.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.pokegen.engine.export.onnx.OnnxExport;
import com.pokegen.engine.export.onnx.OnnxPipeline;
import com.pokegen.engine.export.onnx.WeightPrecision;
import com.pokegen.engine.io.JsonFiles;
import com.pokegen.engine.model.nn.FloatTensor;
import com.pokegen.engine.model.text.EncodedText;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.GenerationResult;
import com.pokegen.engine.pipeline.TextToImage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped student exported to ONNX (fp32, fp16, int8) and run by ONNX Runtime: fp32 matches
 * the engine (UNet and decoder ≤ 1e-4, a whole 1-step image within 1/255 per pixel, same seed);
 * int8 still draws the demo prompts in their colours; the folder is self-contained.
 */
class ShippedStudentOnnxTest {

    @TempDir
    static Path tmp;
    static Path export;

    @BeforeAll
    static void exportOnce() throws Exception {
        assumeTrue(Files.isDirectory(ShippedModelsTest.STUDENT), "no shipped student");
        export = OnnxExport.export(ShippedModelsTest.STUDENT, tmp.resolve("student-onnx"),
                EnumSet.allOf(WeightPrecision.class), false).folder();
    }

    private static float maxAbs(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void fp32MatchesTheEngine() throws Exception {
        try (DiffusionPipeline engine = DiffusionPipeline.load(ShippedModelsTest.STUDENT);
                OnnxPipeline ort = OnnxPipeline.open(export, WeightPrecision.FP32);
                NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(99);
            // UNet through the Denoiser seam the sampling loop uses, batch 3, at a middle timestep
            NDArray x = m.randomNormal(new Shape(3, 4, 16, 16));
            NDArray t = m.create(new float[] {499f});
            try (EncodedText text = engine.textEncoder().encode(List.of("a red fire type pokemon with wings",
                    "a small blue water type pokemon", ""), m)) {
                float[] a = engine.unet().forward(x, t, text.hiddenStates()).toFloatArray();
                float[] b = ort.denoiser().predict(x, t, text.hiddenStates()).toFloatArray();
                float d = maxAbs(a, b);
                System.out.printf("shipped student UNet: max |ORT fp32 - engine| %.3g%n", d);
                assertTrue(d <= 1e-4f, "UNet " + d);
            }
            NDArray z = m.randomNormal(new Shape(2, 4, 16, 16)).mul(3f); // raw latents scale ≈ 1 / scaling_factor
            float[] a = engine.codec().decode(z).toFloatArray();
            float[] b = ort.codec().decode(z).toFloatArray();
            float d = maxAbs(a, b);
            System.out.printf("shipped student decoder: max |ORT fp32 - engine| %.3g%n", d);
            assertTrue(d <= 1e-4f, "decoder " + d);

            GenerationRequest req = GenerationRequest.builder().setPrompts(List.of("a yellow electric pokemon",
                    "a purple ghost type pokemon")).setSeeds(7, 8).optSteps(1).build();
            GenerationResult e = TextToImage.of(engine).generate(req);
            GenerationResult o = ort.textToImage().generate(req);
            float px = maxAbs(e.images().data(), o.images().data()) * 255;
            System.out.printf("shipped student 1-step image: max |ORT fp32 - engine| %.4f of 255%n", px);
            assertTrue(px <= 1f, "1-step image differs by " + px + " levels");
        }
    }

    @Test
    void int8KeepsTheDemoColours() throws Exception {
        List<String> prompts = List.of("a red fire type pokemon with wings", "a small blue water type pokemon",
                "a yellow electric pokemon");
        double[] targets = {0, 240, 60};
        double diff = 0;
        int count = 0;
        try (OnnxPipeline fp32 = OnnxPipeline.open(export, WeightPrecision.FP32);
                OnnxPipeline int8 = OnnxPipeline.open(export, WeightPrecision.INT8)) {
            TextToImage a = fp32.textToImage();
            TextToImage b = int8.textToImage();
            for (int k = 0; k < prompts.size(); k++) {
                int matches = 0;
                StringBuilder seen = new StringBuilder();
                StringBuilder fp32Hues = new StringBuilder();
                for (long seed = 1; seed <= 4; seed++) {
                    GenerationRequest r = GenerationRequest.builder().setPrompts(List.of(prompts.get(k)))
                            .setSeeds(seed).build(); // the model's recommendation, as ShippedModelsTest
                    GenerationResult q = b.generate(r);
                    GenerationResult full = a.generate(r);
                    float[] ref = full.images().data();
                    fp32Hues.append(String.format(" %.0f", ShippedModelsTest.dominantHue(full.bufferedImages().get(0))));
                    for (int i = 0; i < ref.length; i++) {
                        diff += Math.abs(ref[i] - q.images().data()[i]) * 255;
                    }
                    count += ref.length;
                    BufferedImage img = q.bufferedImages().get(0);
                    double hue = ShippedModelsTest.dominantHue(img);
                    seen.append(String.format(" %.0f", hue));
                    if (ShippedModelsTest.hueDistance(hue, targets[k]) <= 40) {
                        matches++;
                    }
                }
                System.out.println(prompts.get(k) + ": int8 hues" + seen + " (fp32:" + fp32Hues + ")");
                assertTrue(matches >= 3, "int8 " + prompts.get(k) + ": dominant hues" + seen + " should be near "
                        + targets[k]);
            }
        }
        System.out.printf("int8 vs fp32 (ORT), 12 images at the recommended steps: mean |diff| %.3f of 255%n",
                diff / count);
        assertTrue(diff / count < 10, "int8 mean difference " + diff / count);
    }

    @Test
    void theFolderIsSelfContainedAndSmallerAtLowerPrecision() throws Exception {
        JsonNode m = JsonFiles.readObject(export.resolve(OnnxExport.MANIFEST));
        assertEquals("latent", m.get("space").asText());
        assertEquals(0.3069712764954282, m.at("/latents/scaling_factor").asDouble(), 1e-12);
        assertEquals(64, m.at("/image/width").asInt());
        for (String component : List.of("unet", "vae_decoder")) {
            for (String p : List.of("fp32", "fp16", "int8")) {
                assertTrue(Files.isRegularFile(export.resolve(m.at("/" + component + "/files/" + p).asText())),
                        component + " " + p);
            }
        }
        for (String f : List.of("README.md", "text_encoder/model.onnx", "tokenizer/tokenizer.json",
                "scheduler/scheduler_config.json", "pokegen.json")) {
            assertTrue(Files.isRegularFile(export.resolve(f)), f);
        }
        long fp32 = Files.size(export.resolve("unet/model.onnx"));
        long fp16 = Files.size(export.resolve("unet/model.fp16.onnx"));
        long int8 = Files.size(export.resolve("unet/model.int8.onnx"));
        System.out.printf("UNet files: fp32 %,d, fp16 %,d (%.2fx), int8 %,d (%.2fx)%n", fp32, fp16, (double) fp16 / fp32,
                int8, (double) int8 / fp32);
        assertTrue(fp16 < 0.52 * fp32 && int8 < 0.27 * fp32, "weights dominate the files");
        // the export's own measurements: fp32 parity recorded for users
        assertTrue(m.at("/measured/fp32/unet_output/max_abs_diff").asDouble() <= 1e-4);
        assertTrue(m.at("/measured/fp32/decoder_output/max_abs_diff").asDouble() <= 1e-4);
        assertTrue(m.at("/measured/fp32/image_1_step/max_abs_diff").asDouble() <= 1.0);
        assertTrue(m.at("/measured/int8/image_4_steps/mean_abs_diff").asDouble() > 0, "int8 has a measured cost");
        String readme = Files.readString(export.resolve("README.md"));
        assertTrue(readme.contains("onnxruntime") && readme.contains("latent_sample"), "README explains running it");
        // the ORT backend reads only this folder: a copy elsewhere works
        Path moved = tmp.resolve("elsewhere/copy");
        copyTree(export, moved);
        try (OnnxPipeline p = OnnxPipeline.open(moved, WeightPrecision.INT8)) {
            GenerationResult r = p.textToImage().generate(GenerationRequest.builder()
                    .setPrompts(List.of("a green grass type pokemon, small")).setSeeds(3).optSteps(1).build());
            assertEquals(List.of(1L, 3L, 64L, 64L), java.util.Arrays.stream(r.images().shape()).boxed().toList());
            FloatTensor img = r.images();
            assertTrue(img.data()[0] >= 0 && img.data()[0] <= 1);
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
