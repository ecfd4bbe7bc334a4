package com.pokegen.engine.archfixture.layers.data;

/** Fixture for ArchitectureRulesTest: a peer of schedule. */
public final class Rows {
}
