package dev.credits4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PackageFilter;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
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
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.money.Monetary;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The catalog as a CDI host injects it: same packages, same order, the host's clock. */
class PackageCatalogCdiTest {
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
  void theInjectedCatalogServesTheClientCatalog() {
    try (WeldContainer cdi =
        new Weld("credits4j-catalog-" + UUID.randomUUID())
            .disableDiscovery()
            .addBeanClasses(
                CdiWiring.class,
                DefaultCreditLedger.class,
                LedgerWallets.class,
                DefaultWorkspaces.class,
                DefaultPackageCatalog.class,
                HostResources.class)
            .initialize()) {
      PackageCatalog catalog = cdi.select(PackageCatalog.class).get();
      assertThat(catalog).isInstanceOf(DefaultPackageCatalog.class);
      String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
      cdi.select(Workspaces.class)
          .get()
          .create(WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).build());

      List<CreditPackageView> seeded = DemoCatalog.seed(catalog, ws);

      assertThat(seeded).allSatisfy(p -> assertThat(p.createdAt()).isEqualTo(CLOCK.instant()));
      assertThat(catalog.clientCatalog(ws, null).stream().map(CreditPackageView::name))
          .containsExactly("Professional", "Starter", "Enterprise");
      assertThat(catalog.list(ws, PackageFilter.ALL)).hasSize(3);
    }
  }
}
