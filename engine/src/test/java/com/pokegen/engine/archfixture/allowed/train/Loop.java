package com.pokegen.engine.archfixture.allowed.train;

/** Fixture for ArchitectureRulesTest: what train.add may use of train. */
public final class Loop {
}
