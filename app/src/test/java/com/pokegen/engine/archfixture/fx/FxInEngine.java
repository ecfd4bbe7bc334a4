package com.pokegen.engine.archfixture.fx;

import javafx.scene.paint.Color;

/** Planted violation for AppArchitectureTest: engine code touching JavaFX. */
public final class FxInEngine {
    public Object colour() {
        return Color.RED;
    }
}
