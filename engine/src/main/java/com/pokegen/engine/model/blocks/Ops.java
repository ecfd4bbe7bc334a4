package com.pokegen.engine.model.blocks;

import ai.djl.ndarray.NDArray;

/**
 * Element-wise activations the diffusion blocks share, written against DJL's PyTorch engine so
 * they give libtorch's exact results (and gradients).
 */
public final class Ops {

    private Ops() {}

    /** SiLU / swish with β = 1 (Elfwing et al., 2018): x·σ(x). Two kernels, no scalar multiply. */
    public static NDArray silu(NDArray x) {
        NDArray sig = x.getNDArrayInternal().sigmoid();
        NDArray out = x.mul(sig);
        sig.close();
        return out;
    }

    /**
     * Exact GELU (Hendrycks and Gimpel, 2016): x·Φ(x) = ½·x·(1 + erf(x/√2)). DJL's PyTorch
     * engine maps {@code gelu()} to {@code torch.gelu(x)} with {@code approximate="none"}, which
     * is this erf form (checked against the closed form in the tests).
     */
    public static NDArray gelu(NDArray x) {
        return x.getNDArrayInternal().gelu();
    }
}
