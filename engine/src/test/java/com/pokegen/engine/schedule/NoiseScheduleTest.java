package com.pokegen.engine.schedule;

import static com.pokegen.engine.schedule.SchedulerFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NoiseScheduleTest {

    static SchedulerFixtures fx;
    static NoiseSchedule sd;

    @BeforeAll
    static void load() {
        fx = new SchedulerFixtures();
        sd = NoiseSchedule.fromConfig(fx.meta.with("common_config"), NoiseSchedule.diffusersDefaults());
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void alphasCumprodMatchesDiffusersForEveryBetaSchedule() {
        assertClose(fx.get("alphas_cumprod_scaled_linear").toFloatArray(), sd.alphasCumprod(), 1e-6,
                "scaled_linear");
        assertClose(fx.get("alphas_cumprod_linear_1e-4_0.02").toFloatArray(),
                sd.withBetas(BetaSchedule.LINEAR, 1e-4, 0.02).alphasCumprod(), 1e-6, "linear");
        assertClose(fx.get("alphas_cumprod_squaredcos").toFloatArray(),
                sd.withBetas(BetaSchedule.SQUAREDCOS_CAP_V2, 1e-4, 0.02).alphasCumprod(), 1e-6, "squaredcos");
        float[] zeroSnr = sd.withRescaleBetasZeroSnr(true).alphasCumprod();
        assertClose(fx.get("alphas_cumprod_scaled_linear_zero_snr").toFloatArray(), zeroSnr, 1e-6, "zero SNR");
        assertEquals(0f, zeroSnr[999], "zero terminal SNR means ᾱ_T = 0");
    }

    @Test
    void betasAlphasAndCumprodAreConsistent() {
        float[] b = sd.betas();
        float[] a = sd.alphas();
        float[] bar = sd.alphasCumprod();
        assertEquals(1000, b.length);
        assertEquals(0.00085f, b[0], 1e-9f);
        assertEquals(0.012f, b[999], 1e-8f);
        assertEquals(1f - b[500], a[500]);
        assertEquals(bar[499] * a[500], bar[500], 1e-7f);
    }

    @Test
    void addNoiseAndVelocityMatchDiffusers() {
        NDArray x0 = fx.get("add_noise_x0");
        NDArray eps = fx.get("add_noise_eps");
        NDArray t = fx.get("add_noise_t");
        assertClose(fx.get("add_noise_out"), sd.addNoise(x0, eps, t), 1e-6, "add_noise");
        assertClose(fx.get("velocity_out"), sd.velocity(x0, eps, t), 1e-6, "get_velocity");
    }

    /** x̂₀ and ε̂ from each prediction type's exact target recover x₀ and ε (closed form). */
    @ParameterizedTest
    @EnumSource(PredictionType.class)
    void conversionsInvertTheForwardProcess(PredictionType type) {
        NoiseSchedule s = sd.withPredictionType(type);
        NDArray x0 = fx.randn(1, 3, 2, 4, 4);
        NDArray eps = fx.randn(2, 3, 2, 4, 4);
        NDArray t = fx.manager.create(new long[] {0, 421, 999});
        NDArray xt = s.addNoise(x0, eps, t);
        NDArray target = type == PredictionType.EPSILON ? eps
                : type == PredictionType.V_PREDICTION ? s.velocity(x0, eps, t) : x0;
        // at t = 999 ε̂ from x̂₀ divides by √(1−ᾱ) ≈ 1 and x̂₀ from ε by √ᾱ ≈ 0.068: allow for that
        assertClose(x0, s.predictX0(target, xt, t), type == PredictionType.EPSILON ? 1e-4 : 1e-5, type + " x0");
        assertClose(eps, s.predictEpsilon(target, xt, t), type == PredictionType.SAMPLE ? 2e-3 : 1e-5,
                type + " eps");
    }

    @Test
    void configRoundTripsAndDefaultsFillMissingKeys() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        sd.withRescaleBetasZeroSnr(true).withPredictionType(PredictionType.V_PREDICTION).writeCommonConfig(node);
        NoiseSchedule back = NoiseSchedule.fromConfig(node, NoiseSchedule.diffusersDefaults());
        assertEquals(sd.withRescaleBetasZeroSnr(true).withPredictionType(PredictionType.V_PREDICTION), back);
        NoiseSchedule empty = NoiseSchedule.fromConfig(JsonNodeFactory.instance.objectNode(),
                NoiseSchedule.stableDiffusion());
        assertEquals(NoiseSchedule.stableDiffusion(), empty);
    }

    @Test
    void trainedBetasOverrideTheFormula() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("num_train_timesteps", 3);
        node.putArray("trained_betas").add(0.1).add(0.2).add(0.5);
        NoiseSchedule s = NoiseSchedule.fromConfig(node, NoiseSchedule.diffusersDefaults());
        assertClose(new float[] {0.9f, 0.72f, 0.36f}, s.alphasCumprod(), 1e-7, "trained betas");
        node.putArray("trained_betas").add(0.1);
        assertThrows(IllegalArgumentException.class,
                () -> NoiseSchedule.fromConfig(node, NoiseSchedule.diffusersDefaults()));
    }

    @Test
    void refusesWhatItDoesNotImplementWithTheFieldName() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("thresholding", true);
        var e = assertThrows(IllegalArgumentException.class,
                () -> NoiseSchedule.fromConfig(node, NoiseSchedule.diffusersDefaults()));
        assertTrue(e.getMessage().contains("thresholding"), e.getMessage());
        ObjectNode bad = JsonNodeFactory.instance.objectNode();
        bad.put("beta_schedule", "sigmoid");
        e = assertThrows(IllegalArgumentException.class,
                () -> NoiseSchedule.fromConfig(bad, NoiseSchedule.diffusersDefaults()));
        assertTrue(e.getMessage().contains("beta_schedule"), e.getMessage());
        NDArray x = fx.manager.zeros(new Shape(1, 2));
        e = assertThrows(IllegalArgumentException.class, () -> sd.addNoise(x, x, fx.manager.create(new long[] {1000})));
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
    }
}
