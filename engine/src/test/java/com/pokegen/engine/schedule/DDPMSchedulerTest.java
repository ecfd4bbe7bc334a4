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

class DDPMSchedulerTest {

    static SchedulerFixtures fx;

    @BeforeAll
    static void load() {
        fx = new SchedulerFixtures();
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    static DDPMScheduler fixtureScheduler(String spacing) {
        return DDPMScheduler.fromConfig(fx.config(DDPMScheduler.CLASS_NAME, spacing, fx.meta.get("ddim_extra")));
    }

    @Test
    void addNoiseMatchesDiffusers() {
        DDPMScheduler s = fixtureScheduler("leading");
        NDArray out = s.addNoise(fx.get("add_noise_x0"), fx.get("add_noise_eps"), fx.get("add_noise_t"));
        assertClose(fx.get("add_noise_out"), out, 1e-6, "add_noise");
    }

    /** diffusers' DDPM and DDIM share their set_timesteps code; the DDIM fixture pins both. */
    @Test
    void timestepsAreTheDdimOnes() {
        for (String spacing : new String[] {"leading", "trailing", "linspace"}) {
            DDPMScheduler s = fixtureScheduler(spacing);
            for (int n : SchedulerFixtures.STEP_COUNTS) {
                s.setTimesteps(n);
                long[] expected = fx.get("DDIMScheduler_" + spacing + "_" + n + "_timesteps").toLongArray();
                float[] actual = s.timesteps();
                for (int i = 0; i < n; i++) {
                    assertEquals(expected[i], (long) actual[i], spacing + " n=" + n + " [" + i + "]");
                }
            }
        }
    }

    /** Ho et al. eq. 7 evaluated in double: μ̃ = c₀·x₀ + c_t·x_t, plus √β̃·z. */
    @Test
    void ancestralStepIsThePosteriorMeanPlusScaledNoise() {
        NoiseSchedule base = NoiseSchedule.stableDiffusion().withTimestepSpacing(TimestepSpacing.TRAILING)
                .withPredictionType(PredictionType.SAMPLE);
        float[] bar = base.alphasCumprod();
        NDArray x0 = fx.randn(41, 2, 4, 4).clip(-1, 1);
        NDArray xt = fx.randn(42, 2, 4, 4);
        NDArray z = fx.randn(43, 2, 4, 4);
        for (DDPMScheduler.VarianceType vt : DDPMScheduler.VarianceType.values()) {
            DDPMScheduler s = new DDPMScheduler(base, vt);
            s.setTimesteps(4); // 999, 749, 499, 249: from 749 the posterior is over 749 → 499
            double a = bar[749];
            double p = bar[499];
            double betaStep = 1 - a / p;
            double c0 = Math.sqrt(p) * betaStep / (1 - a);
            double ct = Math.sqrt(a / p) * (1 - p) / (1 - a);
            double var = vt == DDPMScheduler.VarianceType.FIXED_LARGE ? betaStep : (1 - p) / (1 - a) * betaStep;
            NDArray expected = x0.mul((float) c0).add(xt.mul((float) ct)).add(z.mul((float) Math.sqrt(var)));
            StepResult r = s.step(x0, 749, xt, z);
            assertClose(expected, r.prevSample(), 1e-5, vt.configName());
            assertClose(x0, r.predOriginal(), 0, "x0 passes through");
        }
    }

    @Test
    void lastStepLandsOnX0AndWithoutTimestepsStepsOneAtATime() {
        NoiseSchedule base = NoiseSchedule.stableDiffusion().withPredictionType(PredictionType.EPSILON)
                .withSampleClipping(false, 1);
        NDArray x0 = fx.randn(51, 2, 4, 4);
        NDArray eps = fx.randn(52, 2, 4, 4);
        DDPMScheduler s = new DDPMScheduler(base);
        NDArray x1 = s.addNoise(x0, eps, fx.manager.create(new long[] {1, 1}));
        NDArray x0Noisy = s.addNoise(x0, eps, fx.manager.create(new long[] {0, 0}));
        // t = 1 → 0 with the true ε and no noise term is the DDPM posterior mean; at t = 0 → x0 exactly
        NDArray zero = fx.manager.zeros(x0.getShape());
        StepResult r = s.step(eps, 1, x1, zero);
        assertClose(x0, r.predOriginal(), 1e-5, "x0 estimate at t=1");
        assertClose(x0, s.step(eps, 0, x0Noisy, null).prevSample(), 1e-5, "t = 0 returns x̂0");
        assertThrows(IllegalArgumentException.class, () -> s.step(eps, 5, x1, null), "noise needed for t > 0");
        s.setTimesteps(4);
        var e = assertThrows(IllegalArgumentException.class, () -> s.step(eps, 5, x1, zero));
        assertTrue(e.getMessage().contains("setTimesteps"), e.getMessage());
    }

    @Test
    void configDefaultsRoundTripAndRefuseLearnedVariance() {
        DDPMScheduler d = DDPMScheduler.fromConfig(JsonNodeFactory.instance.objectNode());
        assertEquals(NoiseSchedule.diffusersDefaults(), d.schedule());
        assertEquals(DDPMScheduler.VarianceType.FIXED_SMALL, d.varianceType());
        NoiseSchedule sd = NoiseSchedule.stableDiffusion().withSetAlphaToOne(true); // DDPM has no such key
        ObjectNode c = new DDPMScheduler(sd, DDPMScheduler.VarianceType.FIXED_LARGE).toConfig();
        assertEquals("DDPMScheduler", c.get("_class_name").asText());
        DDPMScheduler back = DDPMScheduler.fromConfig(c);
        assertEquals(sd, back.schedule());
        assertEquals(DDPMScheduler.VarianceType.FIXED_LARGE, back.varianceType());
        c.put("variance_type", "learned_range");
        var e = assertThrows(IllegalArgumentException.class, () -> DDPMScheduler.fromConfig(c));
        assertTrue(e.getMessage().contains("variance_type"), e.getMessage());
        assertArrayEquals(new float[0], d.timesteps());
    }
}
