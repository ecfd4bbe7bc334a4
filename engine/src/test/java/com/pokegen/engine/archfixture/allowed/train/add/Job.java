package com.pokegen.engine.archfixture.allowed.train.add;

import com.pokegen.engine.archfixture.allowed.train.Loop;

/** Fixture for ArchitectureRulesTest: train.add using train, as the ADD task does. */
public final class Job {
    public Object loop() {
        return new Loop();
    }
}
