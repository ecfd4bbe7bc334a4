package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.schedule.PredictionType;
import org.junit.jupiter.api.Test;

/** The teacher's forward process comes from its config: prediction type and zero terminal SNR. */
class TeacherScheduleConfigTest {

    private static TeacherConfig config(String prediction, boolean zeroSnr) throws Exception {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("prediction_type", prediction);
        o.put("rescale_betas_zero_snr", zeroSnr);
        o.put("min_snr_gamma", zeroSnr ? 0.0 : 5.0);
        return TeacherConfig.of(o);
    }

    @Test
    void defaultIsStableDiffusionsScheduleWithItsSevenPercentLeak() throws Exception {
        float[] a = TeacherConfig.of(JsonNodeFactory.instance.objectNode()).noiseSchedule().alphasCumprod();
        // scaled_linear 0.00085 → 0.012: √ᾱ_999 ≈ 0.068 of the image survives in x_999
        assertEquals(0.0683, Math.sqrt(a[999]), 5e-4);
        assertEquals(NoiseSchedule.stableDiffusion(), TeacherConfig.of(JsonNodeFactory.instance.objectNode())
                .noiseSchedule());
    }

    @Test
    void zeroTerminalSnrMakesTheLastStepPureNoiseAndKeepsTheFirst() throws Exception {
        NoiseSchedule s = config("v_prediction", true).noiseSchedule();
        float[] a = s.alphasCumprod();
        assertEquals(PredictionType.V_PREDICTION, s.predictionType());
        assertEquals(0.0, a[999], 1e-12);
        // Lin et al. alg. 1 keeps √ᾱ_0 and shifts/scales the rest: ᾱ_0 unchanged, monotone decreasing
        assertEquals(NoiseSchedule.stableDiffusion().alphasCumprod()[0], a[0], 1e-6);
        for (int t = 1; t < a.length; t++) {
            assertTrue(a[t] < a[t - 1], "ᾱ must fall at t=" + t);
        }
    }

    @Test
    void zeroTerminalSnrWithMinSnrWeightingIsRefusedNamingTheFix() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("prediction_type", "v_prediction");
        o.put("rescale_betas_zero_snr", true); // min_snr_gamma keeps its default 5
        Exception e = assertThrows(java.io.IOException.class, () -> TeacherConfig.of(o));
        assertTrue(e.getMessage().contains("min_snr_gamma=0"), e.getMessage());
    }

    @Test
    void zeroTerminalSnrWithEpsilonIsRefusedNamingTheFix() {
        Exception e = assertThrows(java.io.IOException.class, () -> config("epsilon", true));
        assertTrue(e.getMessage().contains("rescale_betas_zero_snr"), e.getMessage());
        assertTrue(e.getMessage().contains("prediction_type=v_prediction"), e.getMessage());
    }
}
