package com.pokegen.app.archfixture.view;

import com.pokegen.engine.pipeline.TextToImage;

/** Planted violation for AppArchitectureTest: a view reaching the engine past the adapters. */
public final class PeekingView {
    public Class<?> engine() {
        return TextToImage.class;
    }
}
