/**
 * The diffusion networks' shared blocks, named and shaped like diffusers': {@code ResnetBlock2D},
 * {@code Attention}, {@code BasicTransformerBlock}, {@code Transformer2DModel}, {@code FeedForward},
 * {@code Downsample2D}, {@code Upsample2D}, {@code Timesteps} and {@code TimestepEmbedding}, plus
 * config-JSON helpers.
 *
 * <p>May use: {@code model.nn} and {@code io}.
 */
package com.pokegen.engine.model.blocks;
