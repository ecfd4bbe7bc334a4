package com.pokegen.engine.train.add;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.nn.Tensors;
import com.pokegen.engine.pipeline.Denoiser;
import com.pokegen.engine.schedule.NoiseSchedule;
import java.util.List;
import java.util.Map;

/**
 * The ADD objective of one update (Sauer et al., 2023, §3.2, eq. 3–5), with x̂θ the student's
 * x₀, ψ the frozen teacher, D_φ the discriminator heads on ψ's features, λ = distill_weight:
 * <pre>
 *   student (eq. 3):       L   = adversarial_weight · L_adv^G(x̂θ, φ) + λ · L_distill(x̂θ, ψ)
 *   adversarial (eq. 4):   L_adv^G = −E[D_φ(x̂θ re-noised to t_D)]
 *   distillation (eq. 5):  L_distill = E[c(t) · ‖x̂θ − sg(x̂ψ(sg(x̂θ) re-noised to t))‖²]
 *   discriminator (eq. 4): L_D = E[max(0, 1 − D_φ(x₀))] + E[max(0, 1 + D_φ(sg(x̂θ)))] + γ · R1
 * </pre>
 * A term whose weight is 0 (an ablation) is not computed; the caller supplies the random draws.
 */
record AddObjective(AddConfig config, NoiseSchedule schedule, LatentDiscriminator d, DistillationLoss distillation,
        TeacherFeatures teacherFeatures) {

    /** ψ's features of a noisy input (with a Turbo-LoRA student: its base, adapters off). */
    interface TeacherFeatures {
        List<NDArray> of(NDArray noisy, NDArray t, NDArray cond);
    }

    /** One update's random inputs, each call a fresh draw. */
    interface Draws {
        NDArray discTimesteps();
        NDArray teacherTimesteps();
        NDArray normal();
    }

    /** D's inputs: real features as R1 leaves, fake ones; closing detaches the leaves. */
    record Features(List<NDArray> real, List<NDArray> fake) implements AutoCloseable {
        @Override
        public void close() {
            AdversarialLoss.release(real);
        }
    }

    /** Eq. 3 for the student's x̂θ (differentiable); logs "adv" and "distill". */
    NDArray student(NDArray x0hat, Denoiser teacher, Draws r, NDArray cond, NDArray uncond, NDArray pooled,
            Map<String, Double> logged) {
        NDArray loss = x0hat.getManager().create(0f);
        if (config.adversarialWeight() > 0) {
            NDArray t = r.discTimesteps();
            NDArray adv = AdversarialLoss.generator(d.logits(teacherFeatures.of(schedule.addNoise(x0hat, r.normal(), t), t, cond), pooled));
            loss = loss.add(Tensors.mul(adv, config.adversarialWeight()));
            logged.put("adv", (double) adv.getFloat());
        }
        if (config.distillWeight() > 0) {
            NDArray distill = distillation.loss(x0hat, teacher, r.teacherTimesteps(), r.normal(), cond, uncond);
            loss = loss.add(Tensors.mul(distill, config.distillWeight()));
            logged.put("distill", (double) distill.getFloat());
        }
        return loss;
    }

    /** ψ's features of x₀ and sg(x̂θ), both re-noised to one t_D; taken outside the gradient tape. */
    Features features(NDArray x0, NDArray fake, Draws r, NDArray cond) {
        NDArray t = r.discTimesteps();
        List<NDArray> real = teacherFeatures.of(schedule.addNoise(x0, r.normal(), t), t, cond);
        return new Features(AdversarialLoss.leaves(real), teacherFeatures.of(schedule.addNoise(fake, r.normal(), t), t, cond));
    }

    /** L_D (eq. 4 with R1); logs d_loss, r1 and how D tells real from fake. */
    NDArray discriminator(Features f, NDArray pooled, Map<String, Double> logged) {
        NDArray real = d.logits(f.real(), pooled);
        List<NDArray> heads = StateDict.parameters(d).values().stream().map(Parameter::getArray).toList();
        NDArray r1 = config.r1Gamma() > 0 ? AdversarialLoss.r1(real, f.real(), heads) : real.getManager().create(0f);
        NDArray fake = d.logits(f.fake(), pooled);
        NDArray loss = AdversarialLoss.discriminatorHinge(real, fake).add(Tensors.mul(r1, config.r1Gamma()));
        logged.put("d_loss", (double) loss.getFloat());
        logged.put("r1", (double) r1.getFloat());
        AdversarialLoss.logDiagnostics(real, fake, logged);
        return loss;
    }
}
