package com.pokegen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.ArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The app reaches the engine only through {@code service.engine} and has no package cycles; the
 * planted fixtures show those rules and the engine's no-JavaFX rule failing (JavaFX is on this
 * class path, not on the engine's).
 */
class AppArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.pokegen.app");

    @Test
    void appUsesTheEngineOnlyThroughItsAdapters() {
        assertTrue(APP.size() > 20, "ArchUnit found only " + APP.size() + " app classes: wrong class path?");
        ArchitectureRules.appUsesEngineOnlyThroughAdapters("com.pokegen.app", "com.pokegen.engine").check(APP);
    }

    @Test
    void appHasNoPackageCycles() {
        ArchitectureRules.noPackageCycles("com.pokegen.app").check(APP);
    }

    @Test
    void aViewUsingTheEngineIsFoundButAdaptersAndAtomicFilesAreNot() {
        JavaClasses planted = new ClassFileImporter().importPackages("com.pokegen.app.archfixture");
        EvaluationResult r = ArchitectureRules.appUsesEngineOnlyThroughAdapters(
                "com.pokegen.app.archfixture", "com.pokegen.engine").evaluate(planted);
        List<String> details = r.getFailureReport().getDetails();
        assertTrue(r.hasViolation());
        assertEquals(1, details.stream().filter(d -> d.contains("PeekingView")).count(), details.toString());
        assertTrue(details.stream().noneMatch(d -> d.contains("Adapter") || d.contains("SavingView")), details.toString());
    }

    @Test
    void javaFxInTheEngineIsFound() {
        JavaClasses planted = new ClassFileImporter().importPackages("com.pokegen.engine.archfixture.fx");
        EvaluationResult r = ArchitectureRules.noJavaFx("com.pokegen.engine.archfixture.fx").evaluate(planted);
        assertTrue(r.hasViolation());
        assertTrue(r.getFailureReport().getDetails().stream().anyMatch(d -> d.contains("javafx.scene.paint.Color")),
                r.getFailureReport().toString());
    }
}
