package dev.credits4j.allotment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.CreditsScheduler;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.catalog.DefaultPackageCatalog;
import dev.credits4j.expiry.DefaultExpirySweep;
import dev.credits4j.internal.CdiWiring;
import dev.credits4j.ledger.DefaultCreditLedger;
import dev.credits4j.ledger.LedgerWallets;
import dev.credits4j.purchase.DefaultPurchases;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import dev.credits4j.workspace.DefaultWorkspaces;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import javax.money.Monetary;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Allotments as a CDI host injects them, on the host's clock, and a scheduler over the beans. */
@Tag("database")
class AllotmentCdiTest {
  private static final TestDatabase DB = TestDatabase.current();
  private static final MutableClock CLOCK = MutableClock.at("2026-05-01T04:00:00Z");

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
  void theInjectedAllotmentsGrantOnTheHostsClock() {
    try (WeldContainer cdi =
        new Weld("credits4j-allotments-" + UUID.randomUUID())
            .disableDiscovery()
            .addBeanClasses(
                CdiWiring.class,
                DefaultCreditLedger.class,
                LedgerWallets.class,
                DefaultWorkspaces.class,
                DefaultPackageCatalog.class,
                DefaultExpirySweep.class,
                DefaultPurchases.class,
                DefaultAllotments.class,
                HostResources.class)
            .initialize()) {
      Allotments allotments = cdi.select(Allotments.class).get();
      CreditLedger ledger = cdi.select(CreditLedger.class).get();
      Workspaces workspaces = cdi.select(Workspaces.class).get();
      assertThat(allotments).isInstanceOf(DefaultAllotments.class);
      String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
      workspaces.create(
          WorkspaceSettings.builder(ws, Monetary.getCurrency("USD"))
              .timeZone(ZoneId.of("America/New_York"))
              .build());
      WalletRef w = WalletRef.of(ws, "acme");
      workspaces.registerOrganization(w, "Acme");

      AllotmentView a =
          allotments.create(
              AllotmentRequest.builder(
                      w,
                      BigDecimal.valueOf(200),
                      AllotmentPeriod.MONTHLY,
                      LocalDate.parse("2026-05-01"),
                      Actor.team("u-1", "Tess"))
                  .unusedCredits(UnusedCreditsRule.rolloverAll())
                  .build());

      assertThat(a.periodsGranted()).as("1 May began at 04:00 UTC in New York").isEqualTo(1);
      assertThat(ledger.balance(w).balance()).isEqualByComparingTo("200");
      try (CreditsScheduler scheduler =
          CreditsScheduler.forServices(
                  cdi.select(ExpirySweep.class).get(),
                  allotments,
                  cdi.select(Purchases.class).get())
              .start()) {
        assertThat(scheduler.jobs()).hasSize(4); // with refund-resend
      }
      assertThat(ledger.reconcile(w).clean()).isTrue();
      assertThat(ledger.verify(w).valid()).isTrue();
    }
  }
}
