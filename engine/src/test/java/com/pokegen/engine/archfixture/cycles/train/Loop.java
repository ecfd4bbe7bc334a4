package com.pokegen.engine.archfixture.cycles.train;

import com.pokegen.engine.archfixture.cycles.train.add.Task;

/** Planted violation for ArchitectureRulesTest: train uses train.add, which uses train. */
public final class Loop {
    public Object run() {
        return new Task();
    }
}
