package com.pokegen.engine.train.add;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.blocks.Ops;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.GroupNorm;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;

/**
 * A trainable discriminator head on one level of frozen features, conditioned on the text by
 * projection (Miyato and Koyama, 2018): D(F, c) = w·φ(F) + ⟨φ(F), E(c)⟩/√P per location, where
 * φ is a small conv net, E a linear map of the pooled text embedding. ADD (Sauer et al., 2023,
 * §3.2) uses such heads on the features of a frozen network.
 */
public final class DiscriminatorHead extends Module {

    private final Conv2d conv1;
    private final GroupNorm norm;
    private final Conv2d conv2;
    private final Conv2d out;
    private final Linear textProj;
    private final float scale;

    /**
     * @param channels C of the feature level
     * @param hidden P, width of the head
     * @param textDim D of the pooled text embedding
     */
    public DiscriminatorHead(long channels, long hidden, long textDim, int groups) {
        conv1 = child("conv1", new Conv2d(channels, hidden, 3, 1, 1));
        norm = child("norm", new GroupNorm(groups, hidden, 1e-5f));
        conv2 = child("conv2", new Conv2d(hidden, hidden, 1, 1, 0));
        out = child("out", new Conv2d(hidden, 1, 1, 1, 0));
        textProj = child("text_proj", new Linear(textDim, hidden));
        scale = (float) (1 / Math.sqrt(hidden));
    }

    /**
     * @param features (B, C, H, W)
     * @param text pooled text embedding (B, D)
     * @return logits per location (B, H·W)
     */
    public NDArray forward(NDArray features, NDArray text) {
        NDArray h = Ops.silu(conv2.forward(Ops.silu(norm.forward(conv1.forward(features))))); // (B, P, H, W)
        NDArray uncond = out.forward(h); // (B, 1, H, W)
        NDArray e = textProj.forward(text).expandDims(2).expandDims(3); // (B, P, 1, 1)
        NDArray proj = com.pokegen.engine.model.nn.Tensors.mul(h.mul(e).sum(new int[] {1}, true), scale); // (B, 1, H, W)
        long b = features.getShape().get(0);
        return uncond.add(proj).reshape(b, -1);
    }
}
