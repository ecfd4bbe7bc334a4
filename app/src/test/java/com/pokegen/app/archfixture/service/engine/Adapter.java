package com.pokegen.app.archfixture.service.engine;

import com.pokegen.engine.pipeline.TextToImage;

/** Fixture for AppArchitectureTest: an adapter, which may use the engine. */
public final class Adapter {
    public Class<?> engine() {
        return TextToImage.class;
    }
}
