package com.pokegen.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SchedulersTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createsEveryCliNameAndRoundTripsItsConfig() {
        NoiseSchedule base = NoiseSchedule.stableDiffusion().withTimestepSpacing(TimestepSpacing.TRAILING);
        for (String name : Schedulers.NAMES) {
            Scheduler s = Schedulers.create(name, base);
            assertEquals(base, s.schedule(), name);
            ObjectNode config = s.toConfig();
            assertEquals(s.className(), config.get("_class_name").asText());
            Scheduler back = Schedulers.fromConfig(config);
            assertEquals(s.getClass(), back.getClass(), name);
            // keys a class does not have (Euler: clip_sample, set_alpha_to_one) are not written
            assertEquals(config, back.toConfig(), name);
            s.setTimesteps(4);
            back.setTimesteps(4);
            org.junit.jupiter.api.Assertions.assertArrayEquals(s.timesteps(), back.timesteps(), name);
        }
        assertInstanceOf(EulerAncestralDiscreteScheduler.class, Schedulers.create("Euler-Ancestral", base));
    }

    /** SD-Turbo's shipped scheduler_config.json (keys as diffusers writes them). */
    @Test
    void readsAnSdTurboStyleConfig() throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree("{\"_class_name\": \"EulerAncestralDiscreteScheduler\","
                + "\"_diffusers_version\": \"0.24.0\", \"beta_end\": 0.012, \"beta_schedule\": \"scaled_linear\","
                + "\"beta_start\": 0.00085, \"num_train_timesteps\": 1000, \"prediction_type\": \"epsilon\","
                + "\"steps_offset\": 1, \"timestep_spacing\": \"trailing\", \"trained_betas\": null}");
        Scheduler s = Schedulers.fromConfig(c);
        assertInstanceOf(EulerAncestralDiscreteScheduler.class, s);
        s.setTimesteps(1);
        assertEquals(999f, s.timesteps()[0]);
        assertEquals(14.614647f, s.initNoiseSigma(), 1e-5f);
    }

    /** A step, scale_model_input and add_noise leave only their results on the caller's manager. */
    @Test
    void stepsCloseTheirTemporaries() {
        NoiseSchedule base = NoiseSchedule.stableDiffusion().withTimestepSpacing(TimestepSpacing.TRAILING)
                .withSampleClipping(true, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 4, 8, 8));
            NDArray out = m.randomNormal(new Shape(2, 4, 8, 8));
            NDArray noise = m.randomNormal(new Shape(2, 4, 8, 8));
            NDArray t = m.create(new long[] {999, 749});
            for (String name : Schedulers.NAMES) {
                Scheduler s = Schedulers.create(name, base);
                s.setTimesteps(4);
                float t0 = s.timesteps()[0];
                int before = m.getManagedArrays().size();
                StepResult r = s.step(out, t0, s.scaleModelInput(x, t0), noise);
                NDArray noisy = s.addNoise(x, noise, t);
                int scaled = s instanceof SigmaScheduler ? 1 : 0;
                assertEquals(before + scaled + 3, m.getManagedArrays().size(), name);
                r.prevSample().close();
                r.predOriginal().close();
                noisy.close();
            }
            int before = m.getManagedArrays().size();
            base.predictX0(out, x, t).close();
            base.velocity(x, noise, t).close();
            assertEquals(before, m.getManagedArrays().size(), "NoiseSchedule");
        }
    }

    @Test
    void unknownNamesAndClassesListTheAlternatives() throws Exception {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.create("heun", NoiseSchedule.stableDiffusion()));
        assertTrue(e.getMessage().contains("euler-ancestral"), e.getMessage());
        ObjectNode pndm = (ObjectNode) JSON.readTree("{\"_class_name\": \"PNDMScheduler\"}");
        e = assertThrows(IllegalArgumentException.class, () -> Schedulers.fromConfig(pndm));
        assertTrue(e.getMessage().contains("PNDMScheduler") && e.getMessage().contains("ddim"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedulers.fromConfig(JSON.createObjectNode()));
        assertTrue(e.getMessage().contains("_class_name"), e.getMessage());
    }
}
