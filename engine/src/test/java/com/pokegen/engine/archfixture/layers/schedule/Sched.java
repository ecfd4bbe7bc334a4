package com.pokegen.engine.archfixture.layers.schedule;

import com.pokegen.engine.archfixture.layers.data.Rows;

/** Planted violation for ArchitectureRulesTest: schedule and data are peers, neither uses the other. */
public final class Sched {
    public Object sideways() {
        return new Rows();
    }
}
