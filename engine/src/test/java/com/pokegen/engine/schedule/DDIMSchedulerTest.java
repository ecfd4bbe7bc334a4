package com.pokegen.engine.schedule;

import static com.pokegen.engine.schedule.SchedulerFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DDIMSchedulerTest {

    static SchedulerFixtures fx;

    @BeforeAll
    static void load() {
        fx = new SchedulerFixtures();
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    /** The fixture's DDIM: common config + ddim_extra (set_alpha_to_one false, steps_offset 1). */
    static DDIMScheduler fixtureScheduler(TimestepSpacing spacing) {
        ObjectNode c = fx.config(DDIMScheduler.CLASS_NAME, spacing.configName(), fx.meta.get("ddim_extra"));
        return DDIMScheduler.fromConfig(c);
    }

    @ParameterizedTest
    @EnumSource(TimestepSpacing.class)
    void timestepsMatchDiffusersExactly(TimestepSpacing spacing) {
        DDIMScheduler s = fixtureScheduler(spacing);
        for (int n : SchedulerFixtures.STEP_COUNTS) {
            s.setTimesteps(n);
            String key = "DDIMScheduler_" + spacing.configName() + "_" + n + "_timesteps";
            assertArrayEquals(fx.get(key).toLongArray(), s.integerTimesteps(), key);
            assertEquals(n, s.timesteps().length);
        }
    }

    @Test
    void oneStepMatchesDiffusers() {
        DDIMScheduler s = fixtureScheduler(TimestepSpacing.TRAILING);
        assertTrue(s.schedule().clipSample(), "the fixture ran with diffusers' default clip_sample=True");
        s.setTimesteps(4);
        float t = s.timesteps()[0];
        NDArray sample = fx.get("step_sample");
        NDArray scaled = s.scaleModelInput(sample, t);
        assertClose(fx.get("DDIMScheduler_trailing_4_scaled_input"), scaled, 0, "scale_model_input");
        StepResult r = s.step(fx.get("model_output"), t, sample, null);
        assertClose(fx.get("DDIMScheduler_trailing_4_step0_pred_original"), r.predOriginal(), 1e-5, "pred_original");
        assertClose(fx.get("DDIMScheduler_trailing_4_step0_prev_sample"), r.prevSample(), 1e-5, "prev_sample");
    }

    /**
     * With an oracle that returns the exact target for the true (x₀, ε), eta-0 DDIM stays on the line
     * x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε and, with set_alpha_to_one, lands on x₀ after the last step.
     * This holds where consecutive timesteps are ⌊T/n⌋ apart, because diffusers' DDIM always steps
     * to t − ⌊T/n⌋: leading for every n, trailing for n dividing T (not linspace, nor trailing n = 3).
     */
    @ParameterizedTest
    @EnumSource(PredictionType.class)
    void oracleModelRecoversX0Exactly(PredictionType type) {
        NoiseSchedule base = NoiseSchedule.stableDiffusion().withSetAlphaToOne(true)
                .withSampleClipping(false, 1).withPredictionType(type);
        NDArray x0 = fx.randn(11, 2, 4, 8, 8).mul(2);
        NDArray eps = fx.randn(12, 2, 4, 8, 8);
        recover(base.withTimestepSpacing(TimestepSpacing.LEADING), new int[] {1, 3, 10, 50}, x0, eps);
        recover(base.withTimestepSpacing(TimestepSpacing.TRAILING), new int[] {1, 4, 10, 50}, x0, eps);
    }

    private static void recover(NoiseSchedule schedule, int[] stepCounts, NDArray x0, NDArray eps) {
        for (int n : stepCounts) {
            DDIMScheduler s = new DDIMScheduler(schedule);
            s.setTimesteps(n);
            float[] ts = s.timesteps();
            NDArray x = s.addNoise(x0, eps, batchOf(ts[0]));
            for (float t : ts) {
                NDArray target = oracle(s.schedule(), x0, eps, t);
                x = s.step(target, t, s.scaleModelInput(x, t), null).prevSample();
            }
            assertClose(x0, x, 1e-4, schedule.predictionType() + " " + schedule.timestepSpacing() + " n=" + n);
        }
    }

    @Test
    void stochasticStepNeedsNoiseAndAddsIt() {
        NoiseSchedule base = NoiseSchedule.stableDiffusion().withTimestepSpacing(TimestepSpacing.TRAILING);
        DDIMScheduler det = new DDIMScheduler(base);
        DDIMScheduler sto = new DDIMScheduler(base, 1.0);
        det.setTimesteps(4);
        sto.setTimesteps(4);
        NDArray x = fx.get("step_sample");
        NDArray out = fx.get("model_output");
        assertThrows(IllegalArgumentException.class, () -> sto.step(out, 749, x, null));
        NDArray z = fx.randn(3, 2, 4, 8, 8);
        // eq. 16 with η = 1 at t = 749 → 499; the direction term shrinks to √(1−ᾱ_prev−σ²)
        float[] bar = base.alphasCumprod();
        double a = bar[749];
        double p = bar[499];
        double sigma = Math.sqrt((1 - p) / (1 - a) * (1 - a / p));
        NDArray x0 = det.step(out, 749, x, null).predOriginal();
        NDArray expected = x0.mul((float) Math.sqrt(p)).add(out.mul((float) Math.sqrt(1 - p - sigma * sigma)))
                .add(z.mul((float) sigma));
        assertClose(expected, sto.step(out, 749, x, z).prevSample(), 1e-5, "eta=1");
    }

    @Test
    void refusesBadStepCountsAndCallsBeforeSetTimesteps() {
        DDIMScheduler s = fixtureScheduler(TimestepSpacing.LEADING);
        NDArray x = fx.get("step_sample");
        assertThrows(IllegalStateException.class, () -> s.step(x, 999, x, null));
        var e = assertThrows(IllegalArgumentException.class, () -> s.setTimesteps(0));
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.setTimesteps(1001));
        assertSame(x, s.scaleModelInput(x, 1));
        assertEquals(1f, s.initNoiseSigma());
    }

    @Test
    void configRoundTripsWithClassName() {
        DDIMScheduler s = fixtureScheduler(TimestepSpacing.TRAILING);
        ObjectNode c = s.toConfig();
        assertEquals("DDIMScheduler", c.get("_class_name").asText());
        assertEquals(false, c.get("set_alpha_to_one").asBoolean());
        assertEquals(s.schedule(), DDIMScheduler.fromConfig(c).schedule());
    }

    static NDArray batchOf(float t) {
        return fx.manager.create(new float[] {t, t});
    }

    /** The exact model output for (x₀, ε) at integer timestep t under the schedule's prediction type. */
    static NDArray oracle(NoiseSchedule s, NDArray x0, NDArray eps, float t) {
        switch (s.predictionType()) {
            case EPSILON:
                return eps;
            case V_PREDICTION:
                return s.velocity(x0, eps, batchOf(t));
            default:
                return x0;
        }
    }
}
