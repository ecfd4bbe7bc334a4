package com.pokegen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.nn.FloatTensor;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.schedule.Schedulers;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With a denoiser that returns the true noise ε = (x_t − √ᾱ_t·x₀)/√(1−ᾱ_t), deterministic DDIM
 * (Song et al. 2021, eq. 12) keeps x_t on the line √ᾱ·x₀ + √(1−ᾱ)·ε, so the loop ends at
 * √ᾱ_final·x₀ + √(1−ᾱ_final)·ε: exactly x₀ when set_alpha_to_one. Guidance changes nothing
 * because both CFG halves are the same oracle.
 */
class DdimOracleTest {

    @ParameterizedTest
    @CsvSource({"4, 0, true", "10, 7.5, true", "4, 0, false", "1, 0, true"})
    void ddimWithTheTrueNoiseRecoversX0InClosedForm(int steps, double guidance, boolean alphaToOne) throws Exception {
        try (DiffusionPipeline fixture = DiffusionPipeline.load(PipelineFixtures.pipelineFolder())) {
            ObjectNode config = fixture.schedulerConfig();
            config.put("set_alpha_to_one", alphaToOne);
            NoiseSchedule schedule = Schedulers.fromConfig(config).schedule();
            float[] alphaBar = schedule.alphasCumprod();
            DiffusionPipeline pipeline = DiffusionPipeline.builder()
                    .setTextEncoder(fixture.textEncoder(), PipelineFixtures.pipelineFolder().resolve("tokenizer"))
                    .setUnet(fixture.unet()).setCodec(fixture.codec()).setSchedulerConfig(config).build();

            long[] shape = {2, 4, 16, 16};
            FloatTensor x0 = gaussian(shape, 1);
            FloatTensor eps = gaussian(shape, 2);
            TextToImage t2i = TextToImage.builder().setPipeline(pipeline)
                    .optDenoiser((x, t, c) -> oracle(x, t, x0, alphaBar)).build();
            GenerationRequest.Builder request = GenerationRequest.builder().setPrompts(List.of("a", "b"))
                    .optSize(32, 32).optSteps(steps).optGuidance(guidance);
            float t0 = t2i.resolve(request.setSeeds(0, 1).build()).timesteps()[0];
            FloatTensor xT = mix(x0, eps, alphaBar[(int) t0]);

            FloatTensor result = t2i.generate(request.optInitialLatents(xT).build()).latents();

            float finalAlphaBar = alphaToOne ? 1f : alphaBar[0];
            float diff = result.maxAbsDiff(mix(x0, eps, finalAlphaBar));
            assertTrue(diff < 2e-5f, "DDIM with the true noise ended " + diff + " away from the closed form");
        }
    }

    // ε̂ = (x − √ᾱ_t·x₀)/√(1−ᾱ_t) for every row (both CFG halves share x₀'s rows)
    private static NDArray oracle(NDArray x, NDArray t, FloatTensor x0, float[] alphaBar) {
        float a = alphaBar[(int) t.toFloatArray()[0]];
        NDArray clean = x0.toNDArray(x.getManager());
        if (x.getShape().get(0) == 2 * x0.shape()[0]) {
            clean = NDArrays.concat(new NDList(clean, clean));
        }
        return x.sub(clean.mul((float) Math.sqrt(a))).div((float) Math.sqrt(1 - a));
    }

    private static FloatTensor mix(FloatTensor x0, FloatTensor eps, float alphaBar) {
        float s = (float) Math.sqrt(alphaBar);
        float r = (float) Math.sqrt(1 - alphaBar);
        float[] out = new float[x0.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = s * x0.data()[i] + r * eps.data()[i];
        }
        return new FloatTensor(x0.shape(), out);
    }

    private static FloatTensor gaussian(long[] shape, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return new FloatTensor(shape, v);
    }
}
