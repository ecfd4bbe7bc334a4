/**
 * Noise schedules and samplers, ported from diffusers: {@code NoiseSchedule} (β, ᾱ, adding noise,
 * x₀ from a prediction), DDPM, DDIM, Euler and Euler-ancestral schedulers behind {@link
 * com.pokegen.engine.schedule.Scheduler}, and {@link com.pokegen.engine.schedule.TimestepSpacing}
 * (leading, trailing, linspace), the one home of the trailing timesteps an ADD student trains on.
 *
 * <p>May use: {@code model.nn} tensor helpers and {@code io}; never {@code data} (a peer) or above.
 */
package com.pokegen.engine.schedule;
