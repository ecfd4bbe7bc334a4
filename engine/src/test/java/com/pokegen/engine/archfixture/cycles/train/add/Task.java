package com.pokegen.engine.archfixture.cycles.train.add;

import com.pokegen.engine.archfixture.cycles.train.Loop;

/** Fixture for ArchitectureRulesTest: closes the cycle back to train. */
public final class Task {
    public Class<?> loop() {
        return Loop.class;
    }
}
