/**
 * Image codecs: diffusers' {@code AutoencoderKL} (encoder, decoder, diagonal Gaussian posterior)
 * and {@code PixelSpace}, the identity codec of pixel-space models, both behind {@link
 * com.pokegen.engine.model.vae.ImageCodec}.
 *
 * <p>May use: {@code model.unet} (the diffusers version it writes), {@code model.blocks}, {@code model.nn}
 * and {@code io}.
 */
package com.pokegen.engine.model.vae;
