package dev.credits4j.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.Offerings;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.ServiceRequests;
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
import java.util.UUID;
import javax.money.Monetary;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Offerings and requests as a CDI host injects them: the request service gets the catalog. */
class ServiceRequestCdiTest {
  private static final TestDatabase DB = TestDatabase.current();
  private static final MutableClock CLOCK = MutableClock.at("2026-04-01T08:00:00Z");

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
  void injectedServicesCreateARequestAndDebitTheWallet() {
    try (WeldContainer cdi =
        new Weld("credits4j-requests-" + UUID.randomUUID())
            .disableDiscovery()
            .addBeanClasses(
                CdiWiring.class,
                DefaultCreditLedger.class,
                LedgerWallets.class,
                DefaultWorkspaces.class,
                DefaultPackageCatalog.class,
                DefaultOfferings.class,
                DefaultServiceRequests.class,
                HostResources.class)
            .initialize()) {
      Offerings offerings = cdi.select(Offerings.class).get();
      ServiceRequests requests = cdi.select(ServiceRequests.class).get();
      CreditLedger ledger = cdi.select(CreditLedger.class).get();
      assertThat(requests).isInstanceOf(DefaultServiceRequests.class);
      String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
      Workspaces workspaces = cdi.select(Workspaces.class).get();
      workspaces.create(WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).build());
      WalletRef w = WalletRef.of(ws, "acme");
      workspaces.registerOrganization(w, "Acme");
      ledger.grant(
          GrantRequest.builder(w, BigDecimal.valueOf(100), dev.credits4j.api.Actor.system("t"))
              .build());
      OfferingView blog = DemoOfferings.seed(offerings, ws).get(1);

      ServiceRequestView r =
          requests.create(
              NewServiceRequest.of(
                  w,
                  blog.id(),
                  BigDecimal.valueOf(2500),
                  dev.credits4j.api.Actor.client("c", "C")));

      assertThat(r.credits()).isEqualByComparingTo("45");
      assertThat(r.createdAt()).isEqualTo(CLOCK.instant());
      assertThat(ledger.balance(w).balance()).isEqualByComparingTo("55");
      assertThat(ledger.reconcile(w).clean()).isTrue();
    }
  }
}
