package com.pokegen.engine.model.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The VAE encodes and decodes as diffusers does (fixture vae_tiny, fp32). */
class VaeParityTest {

    private static final Path DIR = Fixtures.PARITY.resolve("vae_tiny");

    @Test
    void encodeAndDecodeMatchDiffusers() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL vae = new AutoencoderKL(AutoencoderKLConfig.fromFile(DIR.resolve("config.json")));
            vae.initialize(m);
            StateDict.load(vae, Safetensors.read(DIR.resolve("weights.safetensors"), m), true, "vae_tiny");
            Map<String, NDArray> io = Safetensors.read(DIR.resolve("io.safetensors"), m);

            DiagonalGaussian posterior = vae.encode(io.get("image"));
            Fixtures.assertClose(posterior.mean(), io.get("posterior_mean"), 1e-4f, "posterior mean");
            Fixtures.assertClose(posterior.logvar(), io.get("posterior_logvar"), 1e-4f, "posterior logvar");
            Fixtures.assertClose(vae.decode(io.get("latents")), io.get("decoded"), 1e-4f, "decoded");
            assertEquals(2, vae.downsampleFactor());
        }
    }

    @Test
    void posteriorSampleIsMeanPlusStdTimesNoise() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray moments = m.create(new float[] {1f, -2f, 0.5f, 40f}, new Shape(1, 4, 1, 1));
            DiagonalGaussian g = DiagonalGaussian.fromMoments(moments);
            // logvar 40 clamps to 20
            assertEquals(20f, g.logvar().getFloat(0, 1, 0, 0), 0f);
            NDArray noise = m.create(new float[] {2f, 3f}, new Shape(1, 2, 1, 1));
            NDArray s = g.sample(noise);
            assertEquals(1f + (float) Math.exp(0.25) * 2f, s.getFloat(0, 0, 0, 0), 1e-5f);
            assertEquals(-2f + (float) Math.exp(10) * 3f, s.getFloat(0, 1, 0, 0), 1f);
        }
    }

    @Test
    void loadsTheTinyPipelineVaeStrictly() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL vae = AutoencoderKL.fromFolder(Fixtures.PIPELINE.resolve("vae"), m, true);
            NDArray img = vae.decode(m.zeros(new Shape(1, 4, 16, 16)));
            assertEquals(new Shape(1, 3, 32, 32), img.getShape());
            assertEquals(0.18215, vae.config().scalingFactor(), 1e-12);
        }
    }
}
