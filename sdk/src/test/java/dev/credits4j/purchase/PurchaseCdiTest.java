package dev.credits4j.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.PurchaseEvent;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.catalog.DefaultPackageCatalog;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.internal.CdiWiring;
import dev.credits4j.ledger.DefaultCreditLedger;
import dev.credits4j.ledger.LedgerWallets;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.spi.PaymentGateway;
import dev.credits4j.testing.TestDatabase;
import dev.credits4j.workspace.DefaultWorkspaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.money.Monetary;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** Purchases as a CDI host injects them: host gateways as beans, events as CDI events. */
class PurchaseCdiTest {
  private static final TestDatabase DB = TestDatabase.current();
  static final List<PurchaseEvent> OBSERVED = new CopyOnWriteArrayList<>();

  /** What a CDI host provides. */
  @Dependent
  public static class HostResources {
    @Produces
    @CreditsPersistenceUnit
    EntityManagerFactory credits() {
      return DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);
    }

    @Produces
    @ApplicationScoped
    PaymentGateway card() {
      return new RecordingGateway("card");
    }
  }

  /** A host observer of purchase events. */
  @ApplicationScoped
  public static class Observer {
    void on(@Observes PurchaseEvent event) {
      OBSERVED.add(event);
    }
  }

  @Test
  void injectedPurchasesPayThroughHostGatewaysAndFireCdiEvents() {
    try (WeldContainer cdi =
        new Weld("credits4j-purchases-" + UUID.randomUUID())
            .disableDiscovery()
            .addBeanClasses(
                CdiWiring.class,
                DefaultCreditLedger.class,
                LedgerWallets.class,
                DefaultWorkspaces.class,
                DefaultPackageCatalog.class,
                DefaultPurchases.class,
                HostResources.class,
                Observer.class)
            .initialize()) {
      Purchases purchases = cdi.select(Purchases.class).get();
      String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
      Workspaces workspaces = cdi.select(Workspaces.class).get();
      workspaces.create(WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).build());
      WalletRef acme = WalletRef.of(ws, "acme");
      workspaces.registerOrganization(acme, "ACME");
      CreditPackageView starter =
          DemoCatalog.seed(cdi.select(DefaultPackageCatalog.class).get(), ws).get(0);

      PurchaseView p =
          purchases.create(
              new PurchaseRequest(acme, starter.id(), "card", Actor.client("c", "C"), null));
      PurchaseView paid = purchases.startPayment(p.id());

      assertThat(paid.status()).isEqualTo(PurchaseStatus.CREDITED);
      assertThat(cdi.select(CreditLedger.class).get().balance(acme).balance())
          .isEqualByComparingTo("100");
      assertThat(OBSERVED.stream().filter(e -> e.purchase().id().equals(p.id())))
          .extracting(PurchaseEvent::type)
          .containsExactly(
              PurchaseEvent.Type.CREATED, PurchaseEvent.Type.PAID, PurchaseEvent.Type.CREDITED);
    }
  }
}
