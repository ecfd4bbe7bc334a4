package com.pokegen.engine.archfixture.allowed.train;

import com.pokegen.engine.archfixture.allowed.train.add.Job;

/** Fixture for ArchitectureRulesTest: the facade edge of the known train ⇄ train.add cycle. */
public final class Training {
    public Object add() {
        return new Job();
    }
}
