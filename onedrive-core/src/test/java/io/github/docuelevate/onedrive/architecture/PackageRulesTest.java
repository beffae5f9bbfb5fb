package io.github.docuelevate.onedrive.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.docuelevate.onedrive.AuthorizationFlow;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveIntegration;
import org.junit.jupiter.api.Test;

/**
 * The package rules of onedrive-core: one straight line from the facade through the wiring point to
 * the drive services and the transport, with auth handing its tokens down through the transport's
 * token source. Each rule fails the build when someone adds a back edge.
 */
class PackageRulesTest {
  private static final String BASE = "io.github.docuelevate.onedrive";
  private static final String INTERNAL = BASE + ".internal..";
  private static final String WIRING = BASE + ".internal.wiring..";
  private static final String AUTH = BASE + ".internal.auth..";
  private static final String DRIVE = BASE + ".internal.drive..";
  private static final String TRANSPORT = BASE + ".internal.transport..";

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(BASE);

  @Test
  void internalPackages_formNoCycle() {
    slices().matching(BASE + ".internal.(*)..").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void auth_neverImportsDriveOrTheWiringPoint() {
    noClasses()
        .that()
        .resideInAPackage(AUTH)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(DRIVE, WIRING)
        .check(CORE);
  }

  @Test
  void drive_getsItsTokenFromTheTransportNotFromAuth() {
    noClasses()
        .that()
        .resideInAPackage(DRIVE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(AUTH, WIRING)
        .check(CORE);
  }

  @Test
  void transport_importsNoOtherInternalPackage() {
    noClasses()
        .that()
        .resideInAPackage(TRANSPORT)
        .should()
        .dependOnClassesThat(resideInAPackage(INTERNAL).and(not(resideInAPackage(TRANSPORT))))
        .check(CORE);
  }

  @Test
  void onlyTheWiringPoint_usesTheFacadeAndTheHandles() {
    noClasses()
        .that()
        .resideInAPackage(INTERNAL)
        .and()
        .resideOutsideOfPackage(WIRING)
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(OneDrive.class, OneDriveIntegration.class, AuthorizationFlow.class)
        .check(CORE);
  }

  @Test
  void publicApi_reachesInternalsOnlyThroughTheWiringPoint() {
    noClasses()
        .that(resideInAnyPackage(BASE, BASE + ".drive..", BASE + ".event..", BASE + ".spi.."))
        .should()
        .dependOnClassesThat(resideInAPackage(INTERNAL).and(not(resideInAPackage(WIRING))))
        .check(CORE);
  }
}
