package com.pokegen.engine;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The architecture rules of the engine and the app, each built for a root package so that a
 * test can plant a violation in a fixture package and see the same rule fail
 * ({@code ArchitectureRulesTest}).
 */
public final class ArchitectureRules {

    /**
     * The engine's layers, lowest first; a layer may use only the layers before it. Packages in
     * one layer are peers and may not use each other (schedule ⇎ data, eval ⇎ export).
     */
    public static final List<List<String>> ENGINE_LAYERS = List.of(
            List.of("io"), List.of("model"), List.of("schedule", "data"), List.of("pipeline"), List.of("train"),
            List.of("eval", "export"), List.of("batch"), List.of("cli"));

    /**
     * Package cycles allowed today, each as (class name regex below the root, package it may
     * reach): the {@code train} facade builds the ADD task of {@code train.add}, which uses the
     * loop, optimisers and data of {@code train} ({@code DistillStudent} builds its student, full
     * or Turbo-LoRA). The cycle goes when train/ is split into
     * subpackages with {@code Training} above them (issue 13, deferred while other branches edit
     * train/).
     */
    static final List<String[]> KNOWN_CYCLE_EDGES = List.of(
            new String[] {"train\\.Training(\\$.*)?", "train.add"},
            new String[] {"train\\.TrainingSamples(\\$.*)?", "train.add"},
            new String[] {"train\\.DistillStudent(\\$.*)?", "train.add"});

    private ArchitectureRules() {}

    /** No cycles between any two packages below {@code root}, but for {@link #KNOWN_CYCLE_EDGES}. */
    public static ArchRule noPackageCycles(String root) {
        var rule = slices().matching(root + ".(**)").should().beFreeOfCycles();
        for (String[] edge : KNOWN_CYCLE_EDGES) {
            rule = rule.ignoreDependency(nameMatching(Pattern.quote(root + ".") + edge[0]),
                    resideInAPackage(root + "." + edge[1] + ".."));
        }
        return rule;
    }

    /** {@link #ENGINE_LAYERS} below {@code root}: no arrow from a lower or equal layer upwards. */
    public static ArchRule engineLayers(String root) {
        // optional layers: a fixture has only some; ArchitectureTest checks every package has a layer
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
        for (List<String> level : ENGINE_LAYERS) {
            for (String p : level) {
                layers = layers.layer(p).definedBy(root + "." + p + "..");
            }
        }
        for (int i = 0; i < ENGINE_LAYERS.size(); i++) {
            List<String> above = new ArrayList<>();
            ENGINE_LAYERS.subList(i + 1, ENGINE_LAYERS.size()).forEach(above::addAll);
            for (String p : ENGINE_LAYERS.get(i)) {
                layers = above.isEmpty() ? layers.whereLayer(p).mayNotBeAccessedByAnyLayer()
                        : layers.whereLayer(p).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
        }
        return layers;
    }

    /** The engine runs headless (CLI, servers): nothing below {@code root} touches JavaFX. */
    public static ArchRule noJavaFx(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
                .because("the engine runs headless (CLI, servers); only the app may use JavaFX");
    }

    /**
     * The app reaches the engine only through its adapters in {@code appRoot.service.engine}; the
     * one exception is the engine's {@code io.AtomicFiles} (crash-safe file writes, no engine state),
     * so the app keeps no second copy of it.
     */
    public static ArchRule appUsesEngineOnlyThroughAdapters(String appRoot, String engineRoot) {
        return noClasses().that().resideInAPackage(appRoot + "..")
                .and().resideOutsideOfPackage(appRoot + ".service.engine..")
                .should().dependOnClassesThat(resideInAPackage(engineRoot + "..")
                        .and(not(nameMatching(Pattern.quote(engineRoot + ".io.AtomicFiles") + "(\\$.*)?"))))
                .because("views and view models see engine results only as service types");
    }
}
