package com.pokegen.engine.export.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.FloatTensor;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.model.vae.AutoencoderKLConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ONNX graphs compute what the engine computes (fp32, ≤ 1e-4), on diffusers' parity
 * fixtures: the exported UNet against both the engine and the diffusers reference outputs.
 */
class OnnxGraphParityTest {

    static final Path PARITY = Path.of("src/test/resources/fixtures/parity");

    @TempDir
    Path tmp;

    static float maxAbsDiff(FloatTensor a, float[] b) {
        float d = 0;
        for (int i = 0; i < b.length; i++) {
            d = Math.max(d, Math.abs(a.data()[i] - b[i]));
        }
        return d;
    }

    static Path write(OnnxGraphBuilder g, Path file) throws Exception {
        Files.write(file, g.toModelBytes("test", "", Map.of()));
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"unet_sd15_like", "unet_sd2_like"})
    void unetMatchesTheEngineAndDiffusers(String name) throws Exception {
        Path dir = PARITY.resolve(name);
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = new UNet2DConditionModel(UNet2DConditionConfig.fromFile(dir.resolve("config.json")));
            unet.initialize(m);
            assertTrue(StateDict.load(unet, Safetensors.read(dir.resolve("weights.safetensors"), m), true, name).isClean());
            Map<String, NDArray> io = Safetensors.read(dir.resolve("io.safetensors"), m);
            NDArray engine = unet.forward(io.get("sample"), io.get("timestep"), io.get("encoder_hidden_states"));
            Path file = write(UNetOnnx.build(unet, WeightPrecision.FP32, m), tmp.resolve(name + ".onnx"));
            try (OrtNetwork ort = OrtNetwork.open(file)) {
                FloatTensor out = ort.run(Map.of(UNetOnnx.SAMPLE, FloatTensor.of(io.get("sample")),
                        UNetOnnx.TIMESTEP, FloatTensor.of(io.get("timestep").toType(ai.djl.ndarray.types.DataType.FLOAT32, false)),
                        UNetOnnx.TEXT, FloatTensor.of(io.get("encoder_hidden_states"))));
                assertArrayEquals(engine.getShape().getShape(), out.shape());
                float vsEngine = maxAbsDiff(out, engine.toFloatArray());
                float vsDiffusers = maxAbsDiff(out, io.get("out").toFloatArray());
                System.out.printf("%s ONNX fp32: max |ORT - engine| %.3g, max |ORT - diffusers| %.3g%n", name, vsEngine,
                        vsDiffusers);
                assertTrue(vsEngine <= 1e-4f, name + ": ORT vs engine " + vsEngine);
                assertTrue(vsDiffusers <= 1e-4f, name + ": ORT vs diffusers " + vsDiffusers);
            }
        }
    }

    @Test
    void oddLatentSizesAndASharedTimestep() throws Exception {
        Path dir = PARITY.resolve("unet_sd15_like");
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = new UNet2DConditionModel(UNet2DConditionConfig.fromFile(dir.resolve("config.json")));
            unet.initialize(m);
            StateDict.load(unet, Safetensors.read(dir.resolve("weights.safetensors"), m), true, "sd15");
            m.getEngine().setRandomSeed(3);
            NDArray sample = m.randomNormal(new Shape(2, 4, 9, 7));
            NDArray ctx = m.randomNormal(new Shape(2, 5, 24));
            NDArray t = m.create(new float[] {500f});
            NDArray engine = unet.forward(sample, t, ctx);
            Path file = write(UNetOnnx.build(unet, WeightPrecision.FP32, m), tmp.resolve("odd.onnx"));
            try (OrtNetwork ort = OrtNetwork.open(file)) {
                FloatTensor out = ort.run(Map.of(UNetOnnx.SAMPLE, FloatTensor.of(sample), UNetOnnx.TIMESTEP,
                        FloatTensor.of(t), UNetOnnx.TEXT, FloatTensor.of(ctx)));
                assertArrayEquals(new long[] {2, 4, 9, 7}, out.shape());
                float d = maxAbsDiff(out, engine.toFloatArray());
                System.out.printf("9x7 latents, batch 2, one timestep: max |ORT - engine| %.3g%n", d);
                assertTrue(d <= 1e-4f, "odd sizes: " + d);
            }
        }
    }

    @Test
    void vaeDecoderMatchesTheEngine() throws Exception {
        Path dir = PARITY.resolve("vae_tiny");
        try (NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL vae = new AutoencoderKL(AutoencoderKLConfig.fromFile(dir.resolve("config.json")));
            vae.initialize(m);
            assertTrue(StateDict.load(vae, Safetensors.read(dir.resolve("weights.safetensors"), m), true, "vae").isClean());
            m.getEngine().setRandomSeed(5);
            NDArray z = m.randomNormal(new Shape(2, vae.latentChannels(), 5, 6));
            NDArray engine = vae.decode(z);
            Path file = write(VaeDecoderOnnx.build(vae, WeightPrecision.FP32, m), tmp.resolve("vae.onnx"));
            try (OrtNetwork ort = OrtNetwork.open(file)) {
                FloatTensor out = ort.run(Map.of(VaeDecoderOnnx.LATENT, FloatTensor.of(z)));
                assertArrayEquals(engine.getShape().getShape(), out.shape());
                float d = maxAbsDiff(out, engine.toFloatArray());
                System.out.printf("vae_tiny decoder ONNX fp32: max |ORT - engine| %.3g%n", d);
                assertTrue(d <= 1e-4f, "vae decoder: " + d);
            }
        }
    }

    @Test
    void lowerPrecisionWeightsHaveAMeasuredCost() throws Exception {
        Path dir = PARITY.resolve("unet_sd15_like");
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = new UNet2DConditionModel(UNet2DConditionConfig.fromFile(dir.resolve("config.json")));
            unet.initialize(m);
            StateDict.load(unet, Safetensors.read(dir.resolve("weights.safetensors"), m), true, "sd15");
            Map<String, NDArray> io = Safetensors.read(dir.resolve("io.safetensors"), m);
            float[] reference = io.get("out").toFloatArray();
            double refMean = 0;
            for (float v : reference) {
                refMean += Math.abs(v) / reference.length;
            }
            Map<String, FloatTensor> feeds = Map.of(UNetOnnx.SAMPLE, FloatTensor.of(io.get("sample")),
                    UNetOnnx.TIMESTEP, FloatTensor.of(io.get("timestep").toType(ai.djl.ndarray.types.DataType.FLOAT32, false)),
                    UNetOnnx.TEXT, FloatTensor.of(io.get("encoder_hidden_states")));
            long fp32Bytes = 0;
            for (WeightPrecision w : WeightPrecision.values()) {
                OnnxGraphBuilder g = UNetOnnx.build(unet, w, m);
                fp32Bytes = w == WeightPrecision.FP32 ? g.storedWeightBytes() : fp32Bytes;
                try (OrtNetwork ort = OrtNetwork.open(write(g, tmp.resolve(w.id() + ".onnx")))) {
                    FloatTensor out = ort.run(feeds);
                    double mean = 0;
                    for (int i = 0; i < reference.length; i++) {
                        mean += Math.abs(out.data()[i] - reference[i]) / reference.length;
                    }
                    float max = maxAbsDiff(out, reference);
                    System.out.printf("unet_sd15_like %s: weights %,d bytes (%.2fx fp32), vs diffusers max %.3g,"
                            + " mean %.3g (mean |out| %.3g)%n", w.id(), g.storedWeightBytes(),
                            (double) g.storedWeightBytes() / fp32Bytes, max, mean, refMean);
                    double bound = switch (w) {
                        case FP32 -> 1e-5;
                        case FP16 -> 1e-3 * refMean;
                        case INT8 -> 2e-2 * refMean;
                    };
                    assertTrue(mean <= bound, w.id() + ": mean |diff| " + mean + " > " + bound);
                }
            }
        }
    }
}
