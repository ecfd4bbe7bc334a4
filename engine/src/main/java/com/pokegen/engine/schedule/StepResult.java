package com.pokegen.engine.schedule;

import ai.djl.ndarray.NDArray;

/**
 * One reverse step's output: x_{t−1} and the x₀ estimate it was built from. Both live on the
 * sample's manager; the caller owns (and closes) them.
 */
public record StepResult(NDArray prevSample, NDArray predOriginal) {}
