package com.pokegen.engine.train.add;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.schedule.PredictionType;
import org.junit.jupiter.api.Test;

class DistillationLossTest {

    /** A sample-predicting teacher that always answers x̂ψ = 0 turns the loss into E[c(t)·mean(x̂θ²)]. */
    @Test
    void weightsFollowTheirClosedForms() {
        NoiseSchedule sched = NoiseSchedule.stableDiffusion().withPredictionType(PredictionType.SAMPLE);
        float[] alphaBar = sched.alphasCumprod();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, -1, -2, -3, -4}, new Shape(2, 1, 2, 2));
            NDArray t = m.create(new long[] {10, 700});
            NDArray eps = m.randomNormal(x.getShape());
            double ms0 = (1 + 4 + 9 + 16) / 4.0;
            for (DistillationLoss.Weighting w : DistillationLoss.Weighting.values()) {
                DistillationLoss loss = new DistillationLoss(sched, w, 1f);
                double got = loss.loss(x, (xt, tt, c) -> xt.zerosLike(), t, eps, m.zeros(new Shape(2, 1, 1)),
                        m.zeros(new Shape(2, 1, 1))).getFloat();
                double c0 = weight(w, alphaBar[10]);
                double c1 = weight(w, alphaBar[700]);
                assertEquals((c0 * ms0 + c1 * ms0) / 2, got, 1e-4, w.name());
            }
        }
    }

    private static double weight(DistillationLoss.Weighting w, double a) {
        switch (w) {
            case EXPONENTIAL: return a;
            case SDS: return Math.sqrt(a * (1 - a));
            default: return 1;
        }
    }

    /** With CFG, the target uses u + s(c − u) of the teacher's outputs. */
    @Test
    void guidanceCombinesTheTwoTeacherCalls() {
        NoiseSchedule sched = NoiseSchedule.stableDiffusion().withPredictionType(PredictionType.SAMPLE);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(1, 1, 1, 1));
            NDArray t = m.create(new long[] {0});
            DistillationLoss loss = new DistillationLoss(sched, DistillationLoss.Weighting.UNIFORM, 3f);
            // teacher answers 1 for the unconditional half (cond = 0) and 2 for the conditional (cond = 1)
            NDArray target = loss.teacherX0(x, (xt, tt, c) -> c.reshape(-1, 1, 1, 1).add(1), t, x,
                    m.ones(new Shape(1, 1, 1)), m.zeros(new Shape(1, 1, 1)));
            assertEquals(1 + 3 * (2 - 1), target.getFloat(), 1e-6);
        }
    }
}
