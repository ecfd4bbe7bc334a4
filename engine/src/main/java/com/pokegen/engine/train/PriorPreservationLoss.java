package com.pokegen.engine.train;

import com.pokegen.engine.pipeline.Denoiser;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Tensors;

/**
 * DreamBooth's class-specific prior-preservation objective (Ruiz et al., 2023, eq. 2):
 * E[w_t‖x̂θ(α_t x + σ_t ε, c) − x‖²] + λ·E[w_t′‖x̂θ(α_t′ x_pr + σ_t′ ε′, c_pr) − x_pr‖²], the
 * denoising loss on the subject's images (prompt with the rare token) plus λ times the same loss
 * on samples the frozen base model drew for the class prompt, so the class keeps its prior.
 */
final class PriorPreservationLoss {

    /** The total to differentiate and its two terms as numbers (before λ). */
    record Terms(NDArray total, float instance, float prior) {}

    private final DenoisingLoss denoising;
    private final float lambda;

    /** @param lambda λ, the prior term's weight (the paper uses 1) */
    PriorPreservationLoss(DenoisingLoss denoising, float lambda) {
        this.denoising = denoising;
        this.lambda = lambda;
    }

    Terms loss(Denoiser model, DenoisingBatch instance, DenoisingBatch classPrior) {
        NDArray li = denoising.loss(model, instance.x0(), instance.eps(), instance.t(), instance.cond());
        NDArray lp = denoising.loss(model, classPrior.x0(), classPrior.eps(), classPrior.t(), classPrior.cond());
        return new Terms(li.add(Tensors.mul(lp, lambda)), li.getFloat(), lp.getFloat());
    }
}
