package com.pokegen.engine;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's architecture ({@link ArchitectureRules}): a headless library the app depends on,
 * layered io → model → schedule/data → pipeline → train → eval/export → cli with no arrow back
 * up and no package cycle but the documented train ⇄ train.add one.
 */
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
        ArchitectureRules.noJavaFx("com.pokegen.engine").check(ENGINE);
    }

    @Test
    void noPackageCyclesButTheListedOnes() {
        ArchitectureRules.noPackageCycles("com.pokegen.engine").check(ENGINE);
    }

    @Test
    void layersOnlyPointDown() {
        ArchitectureRules.engineLayers("com.pokegen.engine").check(ENGINE);
    }

    /** A new top-level package must be given a layer, or the layer rule would not see it. */
    @Test
    void everyEngineClassHasALayer() {
        List<String> layered = ArchitectureRules.ENGINE_LAYERS.stream().flatMap(List::stream).toList();
        List<String> outside = ENGINE.stream().map(JavaClass::getPackageName)
                .map(p -> p.substring("com.pokegen.engine".length()).replaceFirst("^\\.", ""))
                .filter(p -> layered.stream().noneMatch(l -> p.equals(l) || p.startsWith(l + ".")))
                .distinct().toList();
        assertEquals(List.of(), outside, "packages without a layer in ArchitectureRules.ENGINE_LAYERS");
    }

    @Test
    void engineDoesNotDependOnTheApp() {
        noClasses().that().resideInAPackage("com.pokegen.engine..")
                .should().dependOnClassesThat().resideInAPackage("com.pokegen.app..")
                .check(ENGINE);
    }
}
