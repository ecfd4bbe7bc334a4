package com.pokegen.engine.model.text;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.LayerNorm;
import com.pokegen.engine.model.nn.Module;

/**
 * One pre-LN transformer layer (Radford et al., 2021, CLIP text tower):
 * h = x + Attn(LN₁(x)); out = h + MLP(LN₂(h)).
 */
public final class CLIPEncoderLayer extends Module {

    private final CLIPAttention selfAttn;
    private final LayerNorm layerNorm1;
    private final CLIPMLP mlp;
    private final LayerNorm layerNorm2;

    public CLIPEncoderLayer(CLIPTextConfig config) {
        selfAttn = child("self_attn", new CLIPAttention(config));
        layerNorm1 = child("layer_norm1", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        mlp = child("mlp", new CLIPMLP(config));
        layerNorm2 = child("layer_norm2", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
    }

    /** (B, L, D) -> (B, L, D); {@code additiveMask} as in {@link CLIPAttention#forward}. */
    public NDArray forward(NDArray x, NDArray additiveMask) {
        NDArray h = x.add(selfAttn.forward(layerNorm1.forward(x), additiveMask));
        return h.add(mlp.forward(layerNorm2.forward(h)));
    }
}
