package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.Map;

/** Global-norm gradient clipping, as torch.nn.utils.clip_grad_norm_. */
public final class GradientClipping {

    private GradientClipping() {}

    /**
     * Scales all gradients so their joint L2 norm is at most {@code maxNorm}.
     *
     * @return the norm before clipping (NaN/Inf when a gradient is not finite)
     */
    public static double clip(Map<String, Parameter> params, double maxNorm) {
        double sumSq = 0;
        for (Parameter p : params.values()) {
            NDArray w = p.getArray();
            if (w.hasGradient()) {
                try (NDScope scope = new NDScope()) {
                    sumSq += w.getGradient().square().sum().getFloat();
                }
            }
        }
        double norm = Math.sqrt(sumSq);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1 && Double.isFinite(norm)) {
            for (Parameter p : params.values()) {
                NDArray w = p.getArray();
                if (w.hasGradient()) {
                    try (NDScope scope = new NDScope()) {
                        w.getGradient().muli((float) coef);
                    }
                }
            }
        }
        return norm;
    }
}
