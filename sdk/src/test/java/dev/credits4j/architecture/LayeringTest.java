package dev.credits4j.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.conditions.ArchConditions.beAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.credits4j.api.CreditsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Entity;

/**
 * The layering docs/architecture.md describes, on the SDK's main classes: {@code api} is
 * self-contained, {@code spi} builds only on {@code api}, {@code internal} is plumbing below the
 * bounded contexts, the plain-Java bootstrap sits on top; each context uses only the contexts its
 * package-info names ({@link ContextRules#MAY_USE}), no packages form a cycle, JPQL names only the
 * entities of its own context, and entities never leave their bounded context. {@code
 * ContextRulesTest} shows each of the {@link ContextRules} failing on a violation.
 */
@AnalyzeClasses(packages = "dev.credits4j", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
  private static final String ROOT = "dev.credits4j";
  private static final String API = ROOT + ".api";

  /** Classes implementing one of the embedder-facing service interfaces. */
  private static final DescribedPredicate<JavaClass> IMPLEMENT_AN_API_INTERFACE =
      describe(
          "implement an interface of " + API,
          c ->
              !c.isInterface()
                  && c.getAllRawInterfaces().stream()
                      .anyMatch(i -> i.getPackageName().equals(API)));

  @ArchTest static final ArchRule layers = ContextRules.layers(ROOT);

  @ArchTest
  static final ArchRule publicOutsideApiAndSpiOnlyWithAReason =
      ContextRules.publicOnlyWithAReason(ROOT, ContextRules.PUBLIC_OUTSIDE_API_AND_SPI);

  @ArchTest static final ArchRule contextsUseOnlyTheirUpstream = ContextRules.contextMap(ROOT);

  @ArchTest
  static final ArchRule contextsAreFreeOfCycles =
      ContextRules.noCyclesBetweenTopLevelPackages(ROOT);

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles = ContextRules.noCyclesBetweenPackages(ROOT);

  @ArchTest
  static final ArchRule jpqlNamesOnlyTheContextsOwnEntities =
      ContextRules.jpqlNamesOnlyOwnEntities(ROOT);

  @ArchTest
  static final ArchRule apiDependsOnlyOnItselfJavaAndMoney =
      classes()
          .that()
          .resideInAPackage(API + "..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              API + "..", "java..", "javax.crypto..", "javax.money..", "org.javamoney.moneta..")
          .because(
              "embedders compile against api alone: no implementation, JPA, CDI, JAX-RS, servlet"
                  + " or JSON types (javax.crypto is Java SE: the ledger keys' HMAC)");

  @ArchTest
  static final ArchRule spiDependsOnlyOnApi =
      classes()
          .that()
          .resideInAPackage("dev.credits4j.spi..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "dev.credits4j.spi..",
              API + "..",
              "java..",
              "javax.money..",
              "jakarta.inject..",
              "jakarta.persistence..")
          .because(
              "hosts implement the SPIs against api types only (and HostTransactions hands the"
                  + " SDK the entity manager of the host's transaction)");

  @ArchTest
  static final ArchRule onlyStandardPersistenceApis =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.eclipse.persistence..", "org.hibernate..")
          .because("the SDK runs on any JPA provider; it uses jakarta.persistence only");

  @ArchTest
  static final ArchRule noWebJsonOrEjbTypes =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.ws.rs..",
              "jakarta.servlet..",
              "jakarta.json..",
              "com.fasterxml.jackson..",
              "jakarta.ejb..")
          .because("REST and JSON belong to reference-war; services are CDI beans, not EJBs");

  @ArchTest
  static final ArchRule entitiesStayInTheirBoundedContext =
      classes()
          .that()
          .areAnnotatedWith(Entity.class)
          .should()
          .resideInAnyPackage(
              "dev.credits4j.ledger..",
              "dev.credits4j.workspace..",
              "dev.credits4j.catalog..",
              "dev.credits4j.request..",
              "dev.credits4j.purchase..",
              "dev.credits4j.notify..",
              "dev.credits4j.allotment..",
              "dev.credits4j.report..",
              "dev.credits4j.webhook..",
              "dev.credits4j.topup..",
              "dev.credits4j.subscription..",
              "dev.credits4j.promotion..",
              "dev.credits4j.statement..");

  @ArchTest
  static final ArchRule servicesNeverHandOutEntities =
      methods()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat(IMPLEMENT_AN_API_INTERFACE)
          .should(neverMentionAnEntityInTheirReturnType())
          .because("services return immutable records, never managed entities");

  @ArchTest
  static final ArchRule servicesAreApplicationScopedBeans =
      classes()
          .that(IMPLEMENT_AN_API_INTERFACE)
          .and()
          .haveSimpleNameStartingWith("Default")
          .should(beAnnotatedWith(ApplicationScoped.class))
          .because("hosts inject them under CDI and may replace them with an @Alternative");

  @ArchTest
  static final ArchRule everyApiExceptionIsACreditsException =
      classes()
          .that()
          .resideInAPackage(API + "..")
          .and(assignableTo(Throwable.class))
          .should()
          .beAssignableTo(CreditsException.class)
          .because("one unchecked root carries the ErrorCode the REST layer maps");

  private static ArchCondition<JavaMethod> neverMentionAnEntityInTheirReturnType() {
    return new ArchCondition<>("not return an @Entity, nor a type parameterized by one") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        for (JavaClass type : method.getReturnType().getAllInvolvedRawTypes()) {
          if (type.isAnnotatedWith(Entity.class)) {
            events.add(
                SimpleConditionEvent.violated(
                    method, method.getFullName() + " returns entity " + type.getName()));
          }
        }
      }
    };
  }
}
