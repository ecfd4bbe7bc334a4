package com.pokegen.engine.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;

/**
 * The transformer's GEGLU feed-forward (Shazeer, 2020, "GLU Variants Improve Transformer",
 * eq. 6): FFN(x) = (xW ⊗ GELU(xV))·W₂, with W and V stored as one projection {@code net.0.proj}
 * (value half first, gate half second, as diffusers' {@code GEGLU}) and W₂ as {@code net.2}.
 */
public final class FeedForward extends Module {

    private final Linear proj;
    private final Linear out;

    /** @param innerDim hidden width (diffusers: 4·dim) */
    public FeedForward(long dim, long innerDim) {
        ModuleList<Module> net = child("net", new ModuleList<>());
        Geglu geglu = new Geglu(dim, innerDim);
        net.add(geglu);
        proj = geglu.proj;
        net.add(new Dropout());
        out = new Linear(innerDim, dim);
        net.add(out);
    }

    /** (B, L, dim) -> (B, L, dim) */
    public NDArray forward(NDArray x) {
        NDArray h = proj.forward(x); // (B, L, 2·inner)
        NDList halves = h.split(2, h.getShape().dimension() - 1);
        NDArray gated = halves.get(0).mul(Ops.gelu(halves.get(1))); // (B, L, inner)
        halves.close();
        h.close();
        return out.forward(gated);
    }

    /** Holder of {@code net.0.proj}. */
    private static final class Geglu extends Module {
        private final Linear proj;

        Geglu(long dim, long innerDim) {
            proj = child("proj", new Linear(dim, innerDim * 2));
        }
    }

    /** Parameterless placeholder for diffusers' {@code net.1} (dropout, identity at inference). */
    private static final class Dropout extends Module {}
}
