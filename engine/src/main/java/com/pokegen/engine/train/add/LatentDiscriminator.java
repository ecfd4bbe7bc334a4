package com.pokegen.engine.train.add;

import ai.djl.ndarray.NDArray;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import java.util.ArrayList;
import java.util.List;

/**
 * ADD's discriminator with the LADD feature network (Sauer et al., 2024): the frozen teacher
 * UNet's down and mid blocks applied to re-noised latents, one trainable
 * {@link DiscriminatorHead} per feature level. Only {@code heads.*} are parameters of this
 * module; the teacher is held by reference and never trained.
 */
public final class LatentDiscriminator extends Module {

    private final UNet2DConditionModel features;
    private final ModuleList<DiscriminatorHead> heads;

    public LatentDiscriminator(UNet2DConditionModel frozenTeacher, long hidden, long textDim) {
        this.features = frozenTeacher;
        heads = child("heads", new ModuleList<>());
        for (long c : levelChannels(frozenTeacher)) {
            heads.add(new DiscriminatorHead(c, hidden, textDim, (int) Math.min(32, hidden / 4)));
        }
    }

    /** Channels of each feature level: every down block's output, then the mid block's. */
    static List<Long> levelChannels(UNet2DConditionModel unet) {
        List<Long> out = new ArrayList<>();
        for (int c : unet.config().blockOutChannels()) {
            out.add((long) c);
        }
        if (unet.config().midBlockType() != null) {
            out.add((long) unet.config().blockOutChannels().get(unet.config().blockCount() - 1));
        }
        return out;
    }

    /** Frozen features of re-noised latents x_t at timesteps t (B), text states (B, L, D). */
    public List<NDArray> features(NDArray xt, NDArray t, NDArray textStates) {
        return features.encoderFeatures(xt, t, textStates);
    }

    /** Logits of every head, concatenated over levels and locations: (B, Σ H_k·W_k). */
    public NDArray logits(List<NDArray> levels, NDArray pooledText) {
        NDArray all = null;
        for (int k = 0; k < levels.size(); k++) {
            NDArray l = heads.get(k).forward(levels.get(k), pooledText);
            all = all == null ? l : all.concat(l, 1);
        }
        return all;
    }
}
