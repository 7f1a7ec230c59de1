package org.c2lab.eval.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** platform-eval reaches models only through core's LanguageModel SPI (ARCHITECTURE.md). */
class EvalLayeringTest {
  private static final JavaClasses EVAL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.c2lab.eval");

  @Test
  void evalDependsOnNoDjlAndNoTrainingModule() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ai.djl..", "org.c2lab.train..", "org.c2lab.web..")
        .because("evaluation must run the same against a local runtime or a remote endpoint")
        .check(EVAL);
  }
}
