package com.pokegen.engine.archfixture.layers.io;

import com.pokegen.engine.archfixture.layers.cli.Command;

/** Planted violation for ArchitectureRulesTest: the lowest layer reaches up into the CLI. */
public final class Bytes {
    public Object upwards() {
        return new Command();
    }
}
