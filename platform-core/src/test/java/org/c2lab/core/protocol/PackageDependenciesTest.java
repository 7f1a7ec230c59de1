package org.c2lab.core.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * data and protocol are framework-free vocabulary: JDK, Jackson and core's own records only, data
 * below protocol.
 */
class PackageDependenciesTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.c2lab.core.data", "org.c2lab.core.protocol");

  @Test
  void dataAndProtocolUseOnlyTheJdkAndJackson() {
    classes()
        .that()
        .resideInAnyPackage("org.c2lab.core.data..", "org.c2lab.core.protocol..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "com.fasterxml.jackson..",
            "org.c2lab.core.data..",
            "org.c2lab.core.protocol..",
            // judged samples are read into the metrics vocabulary's SampleOutcome record
            "org.c2lab.core.metrics")
        .check(CLASSES);
  }

  @Test
  void dataDoesNotDependOnProtocol() {
    noClasses()
        .that()
        .resideInAPackage("org.c2lab.core.data..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.c2lab.core.protocol..")
        .check(CLASSES);
  }
}
