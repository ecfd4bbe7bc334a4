package com.pokegen.engine.schedule;

import static com.pokegen.engine.schedule.SchedulerFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EulerDiscreteSchedulerTest {

    static SchedulerFixtures fx;

    @BeforeAll
    static void load() {
        fx = new SchedulerFixtures();
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    static EulerDiscreteScheduler fixtureScheduler(TimestepSpacing spacing) {
        return EulerDiscreteScheduler.fromConfig(fx.config(EulerDiscreteScheduler.CLASS_NAME,
                spacing.configName(), null));
    }

    @ParameterizedTest
    @EnumSource(TimestepSpacing.class)
    void timestepsSigmasAndInitNoiseSigmaMatchDiffusers(TimestepSpacing spacing) {
        checkSchedule(fixtureScheduler(spacing), "EulerDiscreteScheduler", spacing);
    }

    /**
     * Shared with the ancestral test: timesteps exact; sigmas and init_noise_sigma to 1e-6 relative
     * (a few σ differ by 1–2 ulp because torch's vectorised linspace rounds some β differently).
     */
    static void checkSchedule(SigmaScheduler s, String prefix, TimestepSpacing spacing) {
        for (int n : SchedulerFixtures.STEP_COUNTS) {
            s.setTimesteps(n);
            String key = prefix + "_" + spacing.configName() + "_" + n;
            assertArrayEquals(fx.get(key + "_timesteps").toFloatArray(), s.timesteps(), key + "_timesteps");
            float[] expected = fx.get(key + "_sigmas").toFloatArray();
            float[] actual = s.sigmas();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-6 * expected[i], key + "_sigmas[" + i + "]");
            }
            double init = fx.scalar(key + "_init_noise_sigma");
            assertEquals(init, s.initNoiseSigma(), 1e-6 * init, key + "_init_noise_sigma");
        }
    }

    @Test
    void oneStepMatchesDiffusers() {
        EulerDiscreteScheduler s = fixtureScheduler(TimestepSpacing.TRAILING);
        s.setTimesteps(4);
        float t = s.timesteps()[0];
        NDArray sample = fx.get("step_sample");
        assertClose(fx.get("EulerDiscreteScheduler_trailing_4_scaled_input"), s.scaleModelInput(sample, t), 1e-6,
                "scale_model_input");
        StepResult r = s.step(fx.get("model_output"), t, sample, null);
        assertClose(fx.get("EulerDiscreteScheduler_trailing_4_step0_prev_sample"), r.prevSample(), 1e-5,
                "prev_sample");
    }

    /**
     * Oracle closed form: in σ-space x = x₀ + σ·ε, so the exact ε (or v) gives x̂₀ = x₀, the
     * derivative is ε and each Euler step lands on x₀ + σ_next·ε; the last σ is 0, so x₀ exactly.
     */
    @ParameterizedTest
    @EnumSource(PredictionType.class)
    void oracleModelRecoversX0InEveryStepCount(PredictionType type) {
        NDArray x0 = fx.randn(21, 2, 4, 8, 8);
        NDArray eps = fx.randn(22, 2, 4, 8, 8);
        for (TimestepSpacing spacing : TimestepSpacing.values()) {
            for (int n : new int[] {1, 4, 7}) {
                EulerDiscreteScheduler s = new EulerDiscreteScheduler(
                        NoiseSchedule.stableDiffusion().withTimestepSpacing(spacing).withPredictionType(type));
                s.setTimesteps(n);
                float[] sigmas = s.sigmas();
                float[] ts = s.timesteps();
                NDArray x = s.addNoise(x0, eps, fx.manager.create(new float[] {ts[0], ts[0]}));
                for (int i = 0; i < n; i++) {
                    x = s.step(sigmaOracle(type, x0, eps, sigmas[i]), ts[i], x, null).prevSample();
                }
                assertClose(x0, x, 1e-5, type + " " + spacing + " n=" + n);
            }
        }
    }

    /** The target in σ-space: ε, x₀, or v = (ε − σ·x₀)/√(σ²+1) (ᾱ = 1/(σ²+1)). */
    static NDArray sigmaOracle(PredictionType type, NDArray x0, NDArray eps, float sigma) {
        switch (type) {
            case EPSILON:
                return eps;
            case SAMPLE:
                return x0;
            default:
                return eps.sub(x0.mul(sigma)).div((float) Math.sqrt(sigma * sigma + 1));
        }
    }

    @Test
    void addNoiseUsesTheInferenceSigmaAndRefusesUnknownTimesteps() {
        EulerDiscreteScheduler s = fixtureScheduler(TimestepSpacing.TRAILING);
        s.setTimesteps(4);
        NDArray x0 = fx.randn(1, 2, 3);
        NDArray eps = fx.randn(2, 2, 3);
        float[] sig = s.sigmas();
        NDArray noisy = s.addNoise(x0, eps, fx.manager.create(new float[] {999, 249}));
        float[] a = x0.toFloatArray();
        float[] e = eps.toFloatArray();
        float[] expected = new float[6];
        for (int i = 0; i < 6; i++) {
            expected[i] = a[i] + e[i] * (i < 3 ? sig[0] : sig[3]);
        }
        assertClose(expected, noisy.toFloatArray(), 1e-6, "x0 + σ·ε");
        var ex = assertThrows(IllegalArgumentException.class,
                () -> s.step(x0, 500, x0, null));
        assertTrue(ex.getMessage().contains("500"), ex.getMessage());
    }

    @Test
    void beforeSetTimestepsUsesTheTrainingSigmas() {
        EulerDiscreteScheduler s = new EulerDiscreteScheduler(NoiseSchedule.stableDiffusion());
        assertEquals(1000, s.timesteps().length);
        assertEquals(999f, s.timesteps()[0]);
        assertEquals(fx.scalar("EulerDiscreteScheduler_trailing_4_init_noise_sigma"),
                s.sigmas()[0], 1e-6);
    }

    @Test
    void zeroSnrCapsTheLastSigmaAndSigmaMinEndsAboveZero() {
        EulerDiscreteScheduler s = new EulerDiscreteScheduler(
                NoiseSchedule.stableDiffusion().withRescaleBetasZeroSnr(true)
                        .withTimestepSpacing(TimestepSpacing.TRAILING));
        s.setTimesteps(2);
        assertEquals(Math.sqrt((1 - 0x1p-24) / 0x1p-24), s.sigmas()[0], 1e-3, "diffusers' ᾱ_T = 2^-24");
        EulerDiscreteScheduler m = new EulerDiscreteScheduler(NoiseSchedule.stableDiffusion(), true);
        m.setTimesteps(3);
        assertEquals(fx.scalar("EulerDiscreteScheduler_linspace_1_init_noise_sigma"), m.sigmas()[3], 1e-7);
    }

    @Test
    void configRoundTripsAndRefusesUnsupportedOptions() {
        EulerDiscreteScheduler s = fixtureScheduler(TimestepSpacing.TRAILING);
        ObjectNode c = s.toConfig();
        assertEquals("EulerDiscreteScheduler", c.get("_class_name").asText());
        assertEquals(s.schedule(), EulerDiscreteScheduler.fromConfig(c).schedule());
        ObjectNode defaults = JsonNodeFactory.instance.objectNode();
        assertEquals(TimestepSpacing.LINSPACE, EulerDiscreteScheduler.fromConfig(defaults).schedule().timestepSpacing());
        ObjectNode karras = c.deepCopy();
        karras.put("use_karras_sigmas", true);
        var e = assertThrows(IllegalArgumentException.class, () -> EulerDiscreteScheduler.fromConfig(karras));
        assertTrue(e.getMessage().contains("use_karras_sigmas"), e.getMessage());
    }
}
