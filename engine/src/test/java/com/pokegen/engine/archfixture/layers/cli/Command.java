package com.pokegen.engine.archfixture.layers.cli;

/** Fixture for ArchitectureRulesTest: the top layer. */
public final class Command {
}
