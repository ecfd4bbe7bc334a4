package com.pokegen.engine.train.add;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Tensors;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.pipeline.Denoiser;

/**
 * ADD's distillation term (Sauer et al., 2023, eq. 5): re-noise the student's sample,
 * x̂_t = √ᾱ_t·sg(x̂θ) + √(1−ᾱ_t)·ε', ask the frozen teacher for its x₀ estimate x̂ψ(x̂_t, t, c)
 * (with classifier-free guidance), and pull the student towards it:
 * L = E[c(t)·‖x̂θ − sg(x̂ψ)‖²].
 */
public final class DistillationLoss {

    /** The weighting c(t). */
    public enum Weighting {
        /** c(t) = ᾱ_t: the paper's ablation default ("exponential"). */
        EXPONENTIAL,
        /** c(t) = √(ᾱ_t(1−ᾱ_t)): the gradient of score distillation sampling with w(t) = 1 − ᾱ_t. */
        SDS,
        /** c(t) = 1. */
        UNIFORM
    }

    private final NoiseSchedule schedule;
    private final Weighting weighting;
    private final float guidance;

    public DistillationLoss(NoiseSchedule schedule, Weighting weighting, float guidance) {
        this.schedule = schedule;
        this.weighting = weighting;
        this.guidance = guidance;
    }

    /**
     * @param studentX0 x̂θ (B, C, H, W), differentiable
     * @param teacher the frozen teacher network
     * @param t integer timesteps (B) drawn uniformly over the teacher's steps
     * @param eps ε' like x̂θ
     * @param cond text states (B, L, D); @param uncond empty-caption states (B, L, D)
     * @return scalar loss
     */
    public NDArray loss(NDArray studentX0, Denoiser teacher, NDArray t, NDArray eps, NDArray cond, NDArray uncond) {
        NDArray target = teacherX0(studentX0.stopGradient(), teacher, t, eps, cond, uncond).stopGradient();
        long b = studentX0.getShape().get(0);
        NDArray perSample = studentX0.sub(target).square().reshape(b, -1).mean(new int[] {1}); // (B)
        return perSample.mul(weights(t, studentX0)).mean();
    }

    /** x̂ψ at the re-noised student sample, with CFG when the scale is above 1. */
    NDArray teacherX0(NDArray x0, Denoiser teacher, NDArray t, NDArray eps, NDArray cond, NDArray uncond) {
        NDArray xt = schedule.addNoise(x0, eps, t);
        NDArray out;
        if (guidance > 1) {
            NDArray both = teacher.predict(xt.concat(xt, 0), t.concat(t, 0), uncond.concat(cond, 0));
            long b = x0.getShape().get(0);
            NDArray u = both.get("0:" + b);
            NDArray c = both.get(b + ":");
            out = u.add(c.sub(u).mul(guidance));
        } else {
            out = teacher.predict(xt, t, cond);
        }
        return schedule.predictX0(out, xt, t);
    }

    private NDArray weights(NDArray t, NDArray like) {
        float[] alphaBar = schedule.alphasCumprod();
        long[] ts = t.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
        float[] w = new float[ts.length];
        for (int i = 0; i < ts.length; i++) {
            double a = alphaBar[(int) ts[i]];
            switch (weighting) {
                case EXPONENTIAL: w[i] = (float) a; break;
                case SDS: w[i] = (float) Math.sqrt(a * (1 - a)); break;
                default: w[i] = 1f;
            }
        }
        return Tensors.floats(like.getManager(), w, new ai.djl.ndarray.types.Shape(w.length));
    }
}
