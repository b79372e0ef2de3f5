package dev.credits4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LiabilityQuery;
import dev.credits4j.api.Reports;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.catalog.DefaultPackageCatalog;
import dev.credits4j.internal.CdiWiring;
import dev.credits4j.ledger.DefaultCreditLedger;
import dev.credits4j.ledger.LedgerWallets;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.testing.TestDatabase;
import dev.credits4j.workspace.DefaultWorkspaces;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reports and CSV exports as a CDI host injects them. */
@Tag("database")
class ReportsCdiTest {
  private static final TestDatabase DB = TestDatabase.current();

  /** What a CDI host provides. */
  @Dependent
  public static class HostResources {
    @Produces
    @CreditsPersistenceUnit
    EntityManagerFactory credits() {
      return DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);
    }
  }

  @Test
  void injectedReportsAndExports() {
    try (WeldContainer cdi =
        new Weld("credits4j-reports-" + UUID.randomUUID())
            .disableDiscovery()
            .addBeanClasses(
                CdiWiring.class,
                DefaultCreditLedger.class,
                LedgerWallets.class,
                DefaultWorkspaces.class,
                DefaultPackageCatalog.class,
                DefaultReports.class,
                CsvExports.class,
                HostResources.class)
            .initialize()) {
      String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
      Workspaces workspaces = cdi.select(Workspaces.class).get();
      workspaces.create(WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).build());
      WalletRef acme = WalletRef.of(ws, "acme");
      workspaces.registerOrganization(acme, "ACME");
      CreditLedger ledger = cdi.select(CreditLedger.class).get();
      Actor system = Actor.system("cdi");
      ledger.grant(
          GrantRequest.builder(acme, BigDecimal.TEN, system)
              .costBasis(Money.of(new BigDecimal("0.25"), "USD"))
              .build());
      ledger.consume(ConsumeRequest.of(acme, BigDecimal.ONE, system, null));

      Reports reports = cdi.select(Reports.class).get();
      assertThat(reports.liability(LiabilityQuery.now(ws)).value())
          .isEqualTo(Money.of(new BigDecimal("2.25"), "USD"));
      StringWriter out = new StringWriter();
      assertThat(
              cdi.select(CsvExports.class)
                  .get()
                  .history(new HistoryQuery(acme, Set.of(), null, null, null, 1), out))
          .isEqualTo(2);
    }
  }
}
