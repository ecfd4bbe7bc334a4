/**
 * Caches of frozen-encoder outputs (VAE latents, text-encoder states) per (dataset version,
 * model id, resolution, dtype), stored as safetensors files that training reads instead of
 * running the encoders.
 *
 * <p>May use: {@code data}, {@code data.image}, {@code io} and {@code model.nn} tensor helpers; nothing above the data layer.
 */
package com.pokegen.engine.data.cache;
