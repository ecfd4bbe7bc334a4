/**
 * Training: the {@link com.pokegen.engine.train.Training} facade behind {@code pokegen train-vae},
 * {@code train-teacher} and {@code distill}; the resumable loop ({@code TrainLoop}, {@code RunFolder},
 * {@code Checkpoints}, {@code EventLog}), optimisation ({@code AdamW}, {@code Ema},
 * {@code GradientClipping}, {@code LrSchedule}), data ({@code LatentSet}, {@code DatasetExamples},
 * {@code DataOrder}, {@code Augmentation}), the VAE and teacher tasks with their configs, seeds and
 * provenance, and sample grids ({@code TrainingSamples}).
 *
 * <p>May use: {@code pipeline}, {@code schedule}, {@code data}, {@code model..} and {@code io}; never
 * {@code eval}, {@code export} or {@code cli}. Only {@code Training} and {@code TrainingSamples}
 * reach into {@code train.add} (the one allowed package cycle, until train/ is split).
 */
package com.pokegen.engine.train;
