package dev.credits4j.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.catalog.DefaultPackageCatalog;
import dev.credits4j.internal.CdiWiring;
import dev.credits4j.ledger.DefaultCreditLedger;
import dev.credits4j.ledger.LedgerWallets;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.spi.HostTransactions;
import dev.credits4j.testing.TestDatabase;
import dev.credits4j.workspace.DefaultWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.util.UUID;
import javax.money.Monetary;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Under CDI, a host's {@link HostTransactions} bean makes the injected services join. */
@Tag("database")
class HostTransactionCdiTest {
  private static final TestDatabase DB = TestDatabase.current();
  private static final TestHost HOST =
      new TestHost(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED));

  /** What a CDI host provides: the unit and its transactions. */
  @Dependent
  public static class HostResources {
    @Produces
    @CreditsPersistenceUnit
    EntityManagerFactory credits() {
      return DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);
    }

    @Produces
    @ApplicationScoped
    HostTransactions hostTransactions() {
      return HOST;
    }
  }

  @Test
  void injectedServicesJoinTheHostsTransaction() {
    try (WeldContainer cdi =
        new Weld("credits4j-host-" + UUID.randomUUID())
            .disableDiscovery()
            .addBeanClasses(
                CdiWiring.class,
                DefaultCreditLedger.class,
                LedgerWallets.class,
                DefaultWorkspaces.class,
                DefaultPackageCatalog.class,
                HostResources.class)
            .initialize()) {
      String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
      Workspaces workspaces = cdi.select(Workspaces.class).get();
      workspaces.create(WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).build());
      WalletRef acme = WalletRef.of(ws, "acme");
      workspaces.registerOrganization(acme, "ACME");
      CreditLedger ledger = cdi.select(CreditLedger.class).get();

      TestHost.Tx rolledBack = HOST.begin();
      try {
        ledger.grant(GrantRequest.builder(acme, BigDecimal.TEN, Actor.system("cdi")).build());
        assertThat(ledger.balance(acme).balance()).isEqualByComparingTo("10");
      } finally {
        rolledBack.end();
      }
      assertThat(ledger.balance(acme).balance()).isEqualByComparingTo("0");

      TestHost.Tx committed = HOST.begin();
      try {
        ledger.grant(GrantRequest.builder(acme, BigDecimal.ONE, Actor.system("cdi")).build());
        committed.commit();
      } finally {
        committed.end();
      }
      assertThat(ledger.balance(acme).balance()).isEqualByComparingTo("1");
      assertThat(ledger.reconcile(acme).clean()).isTrue();
    }
  }
}
