package org.jmicrovm;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the dependencies between the layers of DESIGN.md §3 pointing one way:
 * cli → host → supervise/build/flake → module → lang; model, store and state are leaves.
 */
@AnalyzeClasses(packages = "org.jmicrovm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layersPointOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("cli").definedBy("org.jmicrovm.cli..")
            .layer("host").definedBy("org.jmicrovm.host..")
            .layer("supervise").definedBy("org.jmicrovm.supervise..")
            .layer("build").definedBy("org.jmicrovm.build..")
            .layer("flake").definedBy("org.jmicrovm.flake..")
            .layer("module").definedBy("org.jmicrovm.module..")
            .layer("store").definedBy("org.jmicrovm.store..")
            .layer("state").definedBy("org.jmicrovm.state..")
            .layer("lang").definedBy("org.jmicrovm.lang..")
            .layer("model").definedBy("org.jmicrovm.model..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("host").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("supervise").mayOnlyBeAccessedByLayers("host", "cli")
            .whereLayer("flake").mayOnlyBeAccessedByLayers("host", "cli")
            .whereLayer("build").mayOnlyBeAccessedByLayers("module", "flake", "host", "cli")
            .whereLayer("module").mayOnlyBeAccessedByLayers("flake", "host", "cli")
            .whereLayer("store").mayOnlyBeAccessedByLayers("build", "module", "flake", "host", "supervise", "cli")
            .whereLayer("state").mayOnlyBeAccessedByLayers("host", "supervise", "cli")
            .whereLayer("lang").mayOnlyBeAccessedByLayers("module", "build", "flake", "host", "cli");

    @ArchTest
    static final ArchRule modelDependsOnNothingOfOurs = noClasses()
            .that().resideInAPackage("org.jmicrovm.model..")
            .should().dependOnClassesThat().resideOutsideOfPackages("org.jmicrovm.model..", "java..")
            .because("the model is plain immutable data shared by every layer")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule langKnowsNothingOfMicroVms = noClasses()
            .that().resideInAPackage("org.jmicrovm.lang..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.jmicrovm.model..", "org.jmicrovm.module..", "org.jmicrovm.build..",
                    "org.jmicrovm.host..", "org.jmicrovm.supervise..", "org.jmicrovm.store..",
                    "org.jmicrovm.flake..", "org.jmicrovm.cli..")
            .because("the Nix evaluator is a general engine, reusable without jmicrovm");
}
