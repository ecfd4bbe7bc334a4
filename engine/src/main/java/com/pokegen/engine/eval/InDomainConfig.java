package com.pokegen.engine.eval;

import java.util.Arrays;

/**
 * Training settings of the offline in-domain image encoder ({@link InDomainEncoder}).
 *
 * @param imageSize side the images are resized to (default 64)
 * @param channels output channels of the stride-2 convolutions (default 32, 64, 128, 256)
 * @param steps optimiser steps (default 1500)
 * @param batchSize image–caption pairs per step (default 64)
 * @param learningRate step size of {@code train.AdamW} without weight decay, i.e. Adam (default 1e-3)
 * @param initialTemperature softmax temperature at start, learnable (CLIP: 0.07)
 * @param seed root seed for initialisation and batch sampling (default 0)
 */
public record InDomainConfig(int imageSize, int[] channels, int steps, int batchSize, double learningRate,
        double initialTemperature, long seed) {

    /** CLIP caps the learnable logit scale at 100. */
    public static final double MAX_LOGIT_SCALE = 100;

    public InDomainConfig {
        if (imageSize < 8 || channels.length == 0 || steps < 1 || batchSize < 2 || !(learningRate > 0)
                || !(initialTemperature > 1 / MAX_LOGIT_SCALE) || initialTemperature > 10) {
            throw new IllegalArgumentException("invalid in-domain config: imageSize ≥ 8, ≥ 1 conv layer, steps ≥ 1, "
                    + "batchSize ≥ 2, learningRate > 0, temperature in (0.01, 10] expected; got " + this);
        }
        for (int c : channels) {
            if (c < 1) {
                throw new IllegalArgumentException("channel counts must be positive: " + Arrays.toString(channels));
            }
        }
        if (imageSize >> channels.length < 1) {
            throw new IllegalArgumentException(channels.length + " stride-2 layers need images of at least "
                    + (1 << channels.length) + " pixels, got " + imageSize);
        }
        channels = channels.clone();
    }

    public static InDomainConfig defaults() {
        return new InDomainConfig(64, new int[] {32, 64, 128, 256}, 1500, 64, 1e-3, 0.07, 0);
    }

    public InDomainConfig withSteps(int n) {
        return new InDomainConfig(imageSize, channels, n, batchSize, learningRate, initialTemperature, seed);
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public String toString() {
        return "InDomainConfig[imageSize=" + imageSize + ", channels=" + Arrays.toString(channels) + ", steps=" + steps
                + ", batchSize=" + batchSize + ", learningRate=" + learningRate + ", initialTemperature="
                + initialTemperature + ", seed=" + seed + "]";
    }
}
