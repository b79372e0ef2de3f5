package dev.credits4j.purchase;

import dev.credits4j.Credits4j;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.PurchaseEvent;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Purchases over the test database: the help text's packages, an SDK instance with a listener that
 * records every purchase event, a feature gate a test can close, and a recording gateway.
 */
abstract class PurchaseTestBase extends LedgerTestBase {
  protected final List<PurchaseEvent> events = new CopyOnWriteArrayList<>();
  protected final AtomicBoolean gateOpen = new AtomicBoolean(true);
  protected final RecordingGateway card = new RecordingGateway("card");
  protected Credits4j shop;
  protected Purchases purchases;
  protected PackageCatalog catalog;
  protected CreditPackageView starter;
  protected CreditPackageView professional;
  protected CreditPackageView enterprise;

  @BeforeEach
  void openShop() {
    shop =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .ledgerKeys(dev.credits4j.testing.TestDatabase.LEDGER_KEYS)
            .clock(clock)
            .featureGate(workspace -> gateOpen.get())
            .paymentGateway(card)
            .purchaseListener(events::add)
            .build();
    purchases = shop.purchases();
    catalog = shop.catalog();
    List<CreditPackageView> demo = DemoCatalog.seed(catalog, ws);
    starter = demo.get(0);
    professional = demo.get(1);
    enterprise = demo.get(2);
  }

  @AfterEach
  void closeShop() {
    gateOpen.set(true);
    shop.close();
  }

  protected static MonetaryAmount usd(String amount) {
    return Money.of(new BigDecimal(amount), USD);
  }

  protected static BigDecimal number(MonetaryAmount m) {
    return m.getNumber().numberValue(BigDecimal.class);
  }

  protected PurchaseView buy(WalletRef w, CreditPackageView pkg) {
    return purchases.create(PurchaseRequest.manual(w, pkg.id(), CLIENT, null));
  }

  /** A manual purchase confirmed by the team: CREDITED. */
  protected PurchaseView bought(WalletRef w, CreditPackageView pkg) {
    PurchaseId id = buy(w, pkg).id();
    return purchases.confirmManualPayment(id, TEAM, "bank-" + id);
  }

  protected CreditPackageView createPackage(PackageRequest.Builder b) {
    return catalog.create(ws, b.build());
  }

  protected List<PurchaseEvent.Type> eventTypes(PurchaseId id) {
    return events.stream()
        .filter(e -> e.purchase().id().equals(id))
        .map(PurchaseEvent::type)
        .toList();
  }
}
