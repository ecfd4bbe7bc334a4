/**
 * Adversarial Diffusion Distillation (Sauer et al. 2023): {@code AddConfig}, the objective of eq.
 * 3–5 ({@code AddObjective} over {@code AdversarialLoss} and {@code DistillationLoss}), the
 * discriminator on the frozen teacher's features ({@code LatentDiscriminator},
 * {@code DiscriminatorHead}) and {@code AddTask}, which orchestrates one update.
 *
 * <p>May use: {@code train} (loop, optimisers, data), {@code pipeline}, {@code schedule},
 * {@code model..} and {@code io}.
 */
package com.pokegen.engine.train.add;
