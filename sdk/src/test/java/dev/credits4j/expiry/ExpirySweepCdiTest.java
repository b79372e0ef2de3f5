package dev.credits4j.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.catalog.DefaultPackageCatalog;
import dev.credits4j.internal.CdiWiring;
import dev.credits4j.ledger.DefaultCreditLedger;
import dev.credits4j.ledger.LedgerWallets;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import dev.credits4j.workspace.DefaultWorkspaces;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.money.Monetary;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The sweep as a CDI host injects it, on the host's clock. */
class ExpirySweepCdiTest {
  private static final TestDatabase DB = TestDatabase.current();
  private static final MutableClock CLOCK = MutableClock.at("2026-05-01T08:00:00Z");

  /** What a CDI host provides. */
  @Dependent
  public static class HostResources {
    @Produces
    @CreditsPersistenceUnit
    EntityManagerFactory credits() {
      return DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);
    }

    @Produces
    Clock clock() {
      return CLOCK;
    }
  }

  @Test
  void theInjectedSweepExpiresLotsOnTheHostsClock() {
    try (WeldContainer cdi =
        new Weld("credits4j-expiry-" + UUID.randomUUID())
            .disableDiscovery()
            .addBeanClasses(
                CdiWiring.class,
                DefaultCreditLedger.class,
                LedgerWallets.class,
                DefaultWorkspaces.class,
                DefaultPackageCatalog.class,
                DefaultExpirySweep.class,
                HostResources.class)
            .initialize()) {
      ExpirySweep sweep = cdi.select(ExpirySweep.class).get();
      CreditLedger ledger = cdi.select(CreditLedger.class).get();
      Workspaces workspaces = cdi.select(Workspaces.class).get();
      assertThat(sweep).isInstanceOf(DefaultExpirySweep.class);
      String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
      workspaces.create(WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).build());
      WalletRef w = WalletRef.of(ws, "acme");
      workspaces.registerOrganization(w, "Acme");
      ledger.grant(
          GrantRequest.builder(w, BigDecimal.valueOf(100), Actor.system("t"))
              .expiresAt(CLOCK.instant().plus(Duration.ofDays(7)))
              .build());

      CLOCK.advance(Duration.ofDays(7));
      ExpiryReport report = sweep.expire(ws, CLOCK.instant());

      assertThat(report.creditsExpired()).isEqualByComparingTo("100");
      assertThat(ledger.balance(w).balance()).isZero();
      assertThat(ledger.reconcile(w).clean()).isTrue();
      assertThat(ledger.verify(w).valid()).isTrue();
    }
  }
}
