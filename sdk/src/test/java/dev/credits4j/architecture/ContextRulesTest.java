package dev.credits4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.credits4j.architecture.fixture.allotment.Grants;
import dev.credits4j.architecture.fixture.internal.ReachesUp;
import dev.credits4j.architecture.fixture.ledger.UsesWorkspace;
import dev.credits4j.architecture.fixture.ledger.Wallet;
import dev.credits4j.architecture.fixture.report.NamedQueryOnLedger;
import dev.credits4j.architecture.fixture.report.OwnQuery;
import dev.credits4j.architecture.fixture.report.QueriesLedger;
import dev.credits4j.architecture.fixture.report.Rollup;
import dev.credits4j.architecture.fixture.workspace.UsesLedger;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each of {@link ContextRules} fails on fixture classes that break it, and passes without them. */
class ContextRulesTest {
  private static final String ROOT = "dev.credits4j.architecture.fixture";

  private static JavaClasses of(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  @Test
  void layersCoverEveryContextIncludingAllotmentAndReport() {
    EvaluationResult r =
        ContextRules.layers(ROOT)
            .withOptionalLayers(true)
            .evaluate(of(ReachesUp.class, Grants.class, OwnQuery.class));
    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().getDetails())
        .anyMatch(d -> d.contains(Grants.class.getName()))
        .anyMatch(d -> d.contains(OwnQuery.class.getName()));
    assertThat(
            ContextRules.layers(ROOT)
                .withOptionalLayers(true)
                .evaluate(of(Grants.class, OwnQuery.class))
                .hasViolation())
        .isFalse();
  }

  @Test
  void aContextUsingOneItsPackageInfoDoesNotNameFails() {
    EvaluationResult r = ContextRules.contextMap(ROOT).evaluate(of(UsesLedger.class, Wallet.class));
    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("workspace may not use ledger"));
    assertThat(
            ContextRules.contextMap(ROOT)
                .evaluate(of(UsesWorkspace.class, Wallet.class))
                .hasViolation())
        .as("ledger may use workspace")
        .isFalse();
  }

  @Test
  void aCycleBetweenContextsFails() {
    JavaClasses cycle = of(UsesLedger.class, UsesWorkspace.class, Wallet.class);
    assertThat(ContextRules.noCyclesBetweenTopLevelPackages(ROOT).evaluate(cycle).hasViolation())
        .isTrue();
    assertThat(ContextRules.noCyclesBetweenPackages(ROOT).evaluate(cycle).hasViolation()).isTrue();
    JavaClasses oneWay = of(UsesLedger.class, Wallet.class);
    assertThat(ContextRules.noCyclesBetweenTopLevelPackages(ROOT).evaluate(oneWay).hasViolation())
        .isFalse();
    assertThat(ContextRules.noCyclesBetweenPackages(ROOT).evaluate(oneWay).hasViolation())
        .isFalse();
  }

  @Test
  void jpqlNamingAnotherContextsEntityFailsInLiteralsConcatenationsAndNamedQueries() {
    EvaluationResult r =
        ContextRules.jpqlNamesOnlyOwnEntities(ROOT)
            .evaluate(
                of(
                    Wallet.class,
                    Rollup.class,
                    OwnQuery.class,
                    QueriesLedger.class,
                    NamedQueryOnLedger.class));
    assertThat(r.getFailureReport().getDetails())
        .hasSize(2)
        .anyMatch(d -> d.contains(QueriesLedger.class.getName() + " names ledger's entity Wallet"))
        .anyMatch(
            d -> d.contains(NamedQueryOnLedger.class.getName() + " names ledger's entity Wallet"));
  }

  @Test
  void entityNamesAreFoundAfterFromJoinUpdateAndCommas() {
    assertThat(
            ContextRules.entityNamesIn(
                "select l.id from Lot l, Wallet w join w.x Hold h where exists (select a from"
                    + " Allocation as a)"))
        .containsExactly("Allocation", "Lot", "Wallet");
    assertThat(ContextRules.entityNamesIn("update Wallet w set w.balance = 0")).contains("Wallet");
    assertThat(ContextRules.entityNamesIn("rolled over from lot 7")).isEmpty();
  }

  @Test
  void aPublicClassOutsideApiAndSpiWithoutAReasonFails() {
    JavaClasses classes = of(Grants.class, Wallet.class);
    EvaluationResult r =
        ContextRules.publicOnlyWithAReason(ROOT, Map.of("a reason", Set.of("ledger.Wallet")))
            .evaluate(classes);
    assertThat(r.getFailureReport().getDetails())
        .singleElement()
        .asString()
        .contains(Grants.class.getName() + " is public but not listed");
    assertThat(
            ContextRules.publicOnlyWithAReason(
                    ROOT, Map.of("a reason", Set.of("ledger.Wallet", "allotment.Grants")))
                .evaluate(classes)
                .hasViolation())
        .isFalse();
  }
}
