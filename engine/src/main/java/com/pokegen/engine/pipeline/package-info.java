/**
 * Text-to-image sampling shared by the CLI, the app and the trainers' sample previews.
 *
 * <ul>
 *   <li>{@link com.pokegen.engine.pipeline.DiffusionPipeline}: a diffusers folder
 *       ({@code model_index.json}, {@code unet/}, {@code vae/}, {@code text_encoder/},
 *       {@code tokenizer/}, {@code scheduler/}) plus our {@code pokegen.json} (id, role, MiniLM
 *       marker, recommended sampler settings); load and atomic, bit-exact save.
 *   <li>{@link com.pokegen.engine.pipeline.TextToImage}: one loop for a many-step teacher with
 *       classifier-free guidance and a 1–4-step ADD student without; the UNet call is a
 *       {@link com.pokegen.engine.pipeline.Denoiser} so tests and trainers can replace it.
 *   <li>Seeds: image i's initial latents and ancestral noise come from
 *       {@code new SplittableRandom(seed_i).nextGaussian()} in row-major order, so a seed
 *       reproduces its image regardless of batch composition.
 *   <li>{@link com.pokegen.engine.pipeline.ImageOutputs}: PNG + JSON sidecar per image and a
 *       contact sheet, checked before generation, written atomically, never overwriting unless asked.
 * </ul>
 *
 * <p>May use: {@code io}, {@code model..}, {@code schedule} and {@code data} (its {@code ProgressListener}); never {@code train}, {@code eval}, {@code export} or {@code cli}.
 */
package com.pokegen.engine.pipeline;
