package org.c2lab.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** platform-core is the framework-free vocabulary of every module (ARCHITECTURE.md). */
class CoreLayeringTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.c2lab.core");

  @Test
  void coreDependsOnNoDjlMicronautOrVaadin() {
    ArchRule rule =
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("ai.djl..", "io.micronaut..", "com.vaadin..")
            .because("platform-core must stay free of frameworks and native runtimes");
    rule.check(CORE);
  }

  @Test
  void coreDependsOnNoOtherPlatformModule() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.c2lab.train..", "org.c2lab.eval..", "org.c2lab.web..")
        .because("nothing points upward from core")
        .check(CORE);
  }
}
