package com.pokegen.engine.schedule;

import static com.pokegen.engine.schedule.SchedulerFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EulerAncestralDiscreteSchedulerTest {

    static SchedulerFixtures fx;

    @BeforeAll
    static void load() {
        fx = new SchedulerFixtures();
        EulerDiscreteSchedulerTest.fx = fx;
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    static EulerAncestralDiscreteScheduler fixtureScheduler(TimestepSpacing spacing) {
        return EulerAncestralDiscreteScheduler.fromConfig(fx.config(EulerAncestralDiscreteScheduler.CLASS_NAME,
                spacing.configName(), null));
    }

    @ParameterizedTest
    @EnumSource(TimestepSpacing.class)
    void timestepsSigmasAndInitNoiseSigmaMatchDiffusers(TimestepSpacing spacing) {
        EulerDiscreteSchedulerTest.checkSchedule(fixtureScheduler(spacing), "EulerAncestralDiscreteScheduler",
                spacing);
    }

    @Test
    void twoStepsWithGivenNoiseMatchDiffusers() {
        EulerAncestralDiscreteScheduler s = fixtureScheduler(TimestepSpacing.TRAILING);
        s.setTimesteps(4);
        float[] ts = s.timesteps();
        NDArray out = fx.get("model_output");
        NDArray noise = fx.get("euler_ancestral_noise");
        StepResult r0 = s.step(out, ts[0], fx.get("step_sample"), noise);
        assertClose(fx.get("EulerAncestral_trailing_4_step0_pred_original"), r0.predOriginal(), 1e-5, "step0 x0");
        assertClose(fx.get("EulerAncestral_trailing_4_step0_prev_sample"), r0.prevSample(), 1e-5, "step0 prev");
        StepResult r1 = s.step(out, ts[1], r0.prevSample(), noise);
        assertClose(fx.get("EulerAncestral_trailing_4_step1_pred_original"), r1.predOriginal(), 1e-5, "step1 x0");
        assertClose(fx.get("EulerAncestral_trailing_4_step1_prev_sample"), r1.prevSample(), 1e-5, "step1 prev");
    }

    /**
     * Closed form of one step with the exact ε: x̂₀ = x₀ and x_next = x₀ + σ_down·ε + σ_up·z with
     * σ_down² + σ_up² = σ_next², so the noise level after the step is σ_next.
     */
    @Test
    void oracleStepKeepsTheMarginalNoiseLevel() {
        EulerAncestralDiscreteScheduler s = new EulerAncestralDiscreteScheduler(
                NoiseSchedule.stableDiffusion().withTimestepSpacing(TimestepSpacing.TRAILING));
        s.setTimesteps(4);
        float[] sig = s.sigmas();
        float[] ts = s.timesteps();
        NDArray x0 = fx.randn(31, 2, 4, 4);
        NDArray eps = fx.randn(32, 2, 4, 4);
        NDArray z = fx.randn(33, 2, 4, 4);
        NDArray x = s.addNoise(x0, eps, fx.manager.create(new float[] {ts[1], ts[1]}));
        StepResult r = s.step(eps, ts[1], x, z);
        double from = sig[1];
        double to = sig[2];
        double up = Math.sqrt(to * to * (from * from - to * to) / (from * from));
        double down = Math.sqrt(to * to - up * up);
        assertClose(x0, r.predOriginal(), 1e-5, "x0");
        NDArray expected = x0.add(eps.mul((float) down)).add(z.mul((float) up));
        assertClose(expected, r.prevSample(), 1e-5, "x0 + σ_down·ε + σ_up·z");
        // last step: σ_next = 0, no noise needed, lands on x̂₀
        NDArray last = s.addNoise(x0, eps, fx.manager.create(new float[] {ts[3], ts[3]}));
        assertClose(x0, s.step(eps, ts[3], last, null).prevSample(), 1e-5, "last step");
    }

    @Test
    void noiseIsRequiredWhileSigmaUpIsPositive() {
        EulerAncestralDiscreteScheduler s = fixtureScheduler(TimestepSpacing.TRAILING);
        s.setTimesteps(4);
        NDArray x = fx.get("step_sample");
        assertThrows(IllegalArgumentException.class, () -> s.step(x, 999, x, null));
    }

    @Test
    void configRoundTrips() {
        EulerAncestralDiscreteScheduler s = fixtureScheduler(TimestepSpacing.TRAILING);
        ObjectNode c = s.toConfig();
        assertEquals("EulerAncestralDiscreteScheduler", c.get("_class_name").asText());
        assertEquals(s.schedule(), EulerAncestralDiscreteScheduler.fromConfig(c).schedule());
    }
}
