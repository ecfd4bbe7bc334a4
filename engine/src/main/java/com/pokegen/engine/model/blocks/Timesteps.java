package com.pokegen.engine.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.model.nn.Module;

/**
 * Sinusoidal timestep features of "Attention Is All You Need" (Vaswani et al., 2017, §3.5) as
 * DDPM (Ho et al., 2020) feeds them to the UNet, computed in the same float32 order as
 * diffusers' {@code get_timestep_embedding}: freq_i = exp(−ln(P)·i / (half − shift)), features
 * [sin(t·freq), cos(t·freq)] (swapped to [cos, sin] when {@code flipSinToCos}). No parameters.
 */
public final class Timesteps extends Module {

    private static final double MAX_PERIOD = 10000.0;

    private final int channels;
    private final boolean flipSinToCos;
    private final float downscaleFreqShift;

    public Timesteps(int channels, boolean flipSinToCos, float downscaleFreqShift) {
        if (channels < 2) {
            throw new IllegalArgumentException("Timesteps: need at least 2 channels, got " + channels);
        }
        this.channels = channels;
        this.flipSinToCos = flipSinToCos;
        this.downscaleFreqShift = downscaleFreqShift;
    }

    /** timesteps (B) of any numeric type -> (B, channels) float32 */
    public NDArray forward(NDArray timesteps) {
        NDManager m = timesteps.getManager();
        int half = channels / 2;
        NDArray t = timesteps.toType(DataType.FLOAT32, false).reshape(-1, 1); // (B, 1)
        NDArray exponent =
                m.arange(0f, (float) half, 1f, DataType.FLOAT32)
                        .mul((float) -Math.log(MAX_PERIOD))
                        .div(half - downscaleFreqShift);
        NDArray freqs = exponent.exp().reshape(1, half); // (1, half)
        NDArray args = t.mul(freqs); // (B, half)
        NDArray sin = args.sin();
        NDArray cos = args.cos();
        NDArray emb = flipSinToCos ? NDArrays.concat(new ai.djl.ndarray.NDList(cos, sin), 1)
                : NDArrays.concat(new ai.djl.ndarray.NDList(sin, cos), 1);
        if (channels % 2 == 1) {
            emb = emb.concat(m.zeros(new Shape(emb.getShape().get(0), 1)), 1);
        }
        return emb;
    }
}
