package com.pokegen.engine.model.text;

import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;

/** The stack of {@link CLIPEncoderLayer}s, registered as {@code layers.0 ... layers.N-1}. */
public final class CLIPEncoder extends Module {

    private final ModuleList<CLIPEncoderLayer> layers;

    public CLIPEncoder(CLIPTextConfig config) {
        layers = child("layers", new ModuleList<>());
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(new CLIPEncoderLayer(config));
        }
    }

    public ModuleList<CLIPEncoderLayer> layers() {
        return layers;
    }
}
