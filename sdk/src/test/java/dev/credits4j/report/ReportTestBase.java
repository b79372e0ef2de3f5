package dev.credits4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.Reports;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.testing.LedgerTestBase;
import java.math.BigDecimal;
import java.util.List;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.BeforeEach;

/** Reports over the test database, with the help text's packages at $99, $449 and $1,599. */
abstract class ReportTestBase extends LedgerTestBase {
  protected Reports reports;
  protected Purchases purchases;
  protected CreditPackageView starter;
  protected CreditPackageView professional;
  protected CreditPackageView enterprise;

  @BeforeEach
  void openReports() {
    reports = credits.reports();
    purchases = credits.purchases();
    List<CreditPackageView> demo = DemoCatalog.seed(credits.catalog(), ws);
    starter = demo.get(0);
    professional = demo.get(1);
    enterprise = demo.get(2);
  }

  /** A manual purchase confirmed by the team: CREDITED. */
  protected PurchaseView bought(WalletRef w, CreditPackageView pkg) {
    PurchaseView p = purchases.create(PurchaseRequest.manual(w, pkg.id(), CLIENT, null));
    return purchases.confirmManualPayment(p.id(), TEAM, "bank-" + p.id());
  }

  protected static BigDecimal number(MonetaryAmount m) {
    return m.getNumber().numberValue(BigDecimal.class);
  }

  /** Asserts a money figure in dollars, to the cent. */
  protected static void assertUsd(MonetaryAmount actual, String expected) {
    assertThat(actual.getCurrency()).isEqualTo(USD);
    assertThat(number(actual)).isEqualByComparingTo(expected);
  }
}
