package com.pokegen.engine.pipeline;

/**
 * Wall time of each stage of one {@link TextToImage#generate} call, summed over its batches:
 * where the time of a prompt → pixels request goes (benchmarks print the shares).
 *
 * @param textNanos tokenising and encoding the prompts (and the negative prompts under CFG)
 * @param denoiseNanos initial noise and the denoising loop (UNet calls and scheduler steps)
 * @param decodeNanos the VAE decode to [0, 1] images, copied to the host
 */
public record StageTimes(long textNanos, long denoiseNanos, long decodeNanos) {

    public StageTimes {
        if (textNanos < 0 || denoiseNanos < 0 || decodeNanos < 0) {
            throw new IllegalArgumentException("stage times must be >= 0, got " + textNanos + ", " + denoiseNanos
                    + ", " + decodeNanos);
        }
    }

    /** The sum of the three stages. */
    public long totalNanos() {
        return textNanos + denoiseNanos + decodeNanos;
    }
}
