/**
 * Stable Diffusion's {@code UNet2DConditionModel} (config, down, mid and up blocks), loading
 * diffusers' {@code unet/} folders bit-exactly and running ε/v/x₀ prediction on (B, 4, h, w) latents
 * conditioned on text states.
 *
 * <p>May use: {@code model.blocks}, {@code model.nn} and {@code io}.
 */
package com.pokegen.engine.model.unet;
