package com.pokegen.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule fails on a violation planted in {@code com.pokegen.engine.archfixture}.
 * The JavaFX and app-adapter rules are shown failing in the app's {@code AppArchitectureTest}
 * (JavaFX and the app are not on the engine's class path).
 */
class ArchitectureRulesTest {

    private static final String FIXTURE = "com.pokegen.engine.archfixture";

    private static JavaClasses fixture(String sub) {
        return new ClassFileImporter().importPackages(FIXTURE + "." + sub);
    }

    private static String violations(ArchRule rule, JavaClasses classes) {
        EvaluationResult r = rule.evaluate(classes);
        assertTrue(r.hasViolation(), "the planted violation went unnoticed by: " + rule.getDescription());
        return String.join("\n", r.getFailureReport().getDetails());
    }

    @Test
    void layersRefuseAnArrowUpwards() {
        String report = violations(ArchitectureRules.engineLayers(FIXTURE + ".layers"), fixture("layers"));
        assertTrue(report.contains("layers.io.Bytes") && report.contains("layers.cli.Command"), report);
    }

    @Test
    void layersRefuseAnArrowBetweenPeers() {
        String report = violations(ArchitectureRules.engineLayers(FIXTURE + ".layers"), fixture("layers"));
        assertTrue(report.contains("layers.schedule.Sched") && report.contains("layers.data.Rows"), report);
    }

    @Test
    void cyclesAreFound() {
        String report = violations(ArchitectureRules.noPackageCycles(FIXTURE + ".cycles"), fixture("cycles"));
        assertTrue(report.contains("cycles.train.Loop") && report.contains("cycles.train.add.Task"), report);
    }

    /** The known-cycle list excuses the facade's edge only, not any class of train. */
    @Test
    void onlyTheListedFacadeEdgesAreExcused() {
        JavaClasses allowed = fixture("allowed");
        assertFalse(ArchitectureRules.noPackageCycles(FIXTURE + ".allowed").evaluate(allowed).hasViolation());
        assertTrue(ArchitectureRules.noPackageCycles(FIXTURE + ".cycles").evaluate(fixture("cycles")).hasViolation());
    }
}
