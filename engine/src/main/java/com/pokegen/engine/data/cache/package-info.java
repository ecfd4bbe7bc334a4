/**
 * Caches of frozen-encoder outputs (VAE latents, text-encoder states) per (dataset version,
 * model id, resolution, dtype), stored as safetensors files that training reads instead of
 * running the encoders.
 */
package com.pokegen.engine.data.cache;
