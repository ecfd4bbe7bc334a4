package com.pokegen.engine.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.GroupNorm;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;

/**
 * The image tower of the in-domain encoder: stride-2 3×3 convolutions, each followed by
 * GroupNorm and SiLU, global average pooling and a linear projection into the text space, plus
 * CLIP's learnable log logit scale (Radford et al., 2021, Fig. 3).
 */
final class InDomainImageTower extends Module {

    private final ModuleList<Conv2d> convs = child("convs", new ModuleList<>());
    private final ModuleList<GroupNorm> norms = child("norms", new ModuleList<>());
    private final Linear proj;
    private final Parameter logitScale;

    InDomainImageTower(int[] channels, int embedDim, double initialTemperature) {
        long in = 3;
        for (int c : channels) {
            convs.add(new Conv2d(in, c, 3, 2, 1));
            norms.add(new GroupNorm(groupsFor(c), c, 1e-5f));
            in = c;
        }
        proj = child("proj", new Linear(in, embedDim));
        logitScale = param("logit_scale", new Shape(1), new ConstantInitializer((float) Math.log(1 / initialTemperature)));
    }

    private static int groupsFor(int channels) {
        for (int g = Math.min(8, channels); g > 1; g--) {
            if (channels % g == 0) {
                return g;
            }
        }
        return 1;
    }

    /** (B, 3, S, S) in [−1, 1] -> (B, E) unit-norm embeddings */
    NDArray forward(NDArray x) {
        NDArray h = x;
        for (int i = 0; i < convs.size(); i++) {
            h = silu(norms.get(i).forward(convs.get(i).forward(h))); // (B, C_i, S/2^(i+1), S/2^(i+1))
        }
        NDArray pooled = h.reshape(h.getShape().get(0), h.getShape().get(1), -1).mean(new int[] {2}); // (B, C)
        return NDArrays.l2Normalise(proj.forward(pooled)); // (B, E)
    }

    private static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** exp(logit_scale), the inverse temperature (1,) */
    NDArray scale() {
        return logitScale.getArray().exp();
    }

    Parameter logitScaleParameter() {
        return logitScale;
    }
}
