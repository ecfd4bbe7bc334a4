package com.pokegen.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine is a headless library: the app depends on it, never the other way round. */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.pokegen.engine");

    @Test
    void engineClassesAreImported() {
        assertTrue(ENGINE.size() > 5, "ArchUnit found only " + ENGINE.size() + " engine classes: wrong class path?");
    }

    @Test
    void engineDoesNotDependOnJavaFx() {
        ArchRule rule = noClasses().that().resideInAPackage("com.pokegen.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
                .because("the engine runs headless (CLI, servers); only the app may use JavaFX");
        rule.check(ENGINE);
    }

    @Test
    void engineDoesNotDependOnTheApp() {
        noClasses().that().resideInAPackage("com.pokegen.engine..")
                .should().dependOnClassesThat().resideInAPackage("com.pokegen.app..")
                .check(ENGINE);
    }
}
