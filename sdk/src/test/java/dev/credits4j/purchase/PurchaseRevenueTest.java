package dev.credits4j.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.PurchaseRefundView;
import dev.credits4j.api.PurchaseRevenue;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.WalletRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Invariant 7 per purchase — recognized + deferred + refunded = paid to the cent — after random
 * sequences of purchases, use, reversals, refunds and expiry, each refund checked against a model.
 */
class PurchaseRevenueTest extends PurchaseTestBase {

  @Test
  void revenueTiesOutAfterRandomSequences() {
    Random random = new Random(20260115L);
    List<CreditPackageView> packages = new ArrayList<>();
    packages.add(professional);
    packages.add(enterprise);
    packages.add(createPackage(PackageRequest.builder("Thirds", n(3), usd("10"))));
    packages.add(
        createPackage(
            PackageRequest.builder("Bonus", n(70), usd("63.17"))
                .bonusCredits(n(13))
                .expiryDays(5)));
    packages.add(createPackage(PackageRequest.builder("Free", n(5), usd("0"))));
    for (int round = 0; round < 6; round++) {
      WalletRef w = wallet("org-" + round);
      List<PurchaseView> bought = new ArrayList<>();
      List<LedgerEntryView> usages = new ArrayList<>();
      for (int step = 0; step < 25; step++) {
        int op = random.nextInt(10);
        BigDecimal balance = balanceOf(w);
        if (op < 2 || bought.isEmpty()) {
          bought.add(bought(w, packages.get(random.nextInt(packages.size()))));
        } else if (op < 5 && balance.signum() > 0) {
          long take = 1 + random.nextInt(Math.max(1, balance.intValue() / 2));
          usages.add(consume(w, take));
        } else if (op < 6 && !usages.isEmpty()) {
          LedgerEntryView u = usages.remove(random.nextInt(usages.size()));
          ledger.reverse(new ReversalRequest(w, u.id(), null, null, null, TEAM, null));
        } else if (op < 9) {
          PurchaseView p = bought.get(random.nextInt(bought.size()));
          refundSome(p, random);
        } else {
          clock.advance(Duration.ofDays(1 + random.nextInt(3)));
        }
        for (PurchaseView p : bought) {
          assertTiesOut(purchases.revenue(p.id()));
        }
      }
    }
  }

  /** Refunds part or all of what is refundable, checking the money against the model. */
  private void refundSome(PurchaseView p, Random random) {
    PurchaseView now = purchases.get(p.id());
    BigDecimal free = freeIn(now);
    if (free.signum() == 0) {
      return;
    }
    BigDecimal credits =
        random.nextBoolean() ? null : BigDecimal.valueOf(1 + random.nextInt(free.intValue()));
    BigDecimal removing = credits == null ? free : credits;
    BigDecimal kept = now.totalCredits().subtract(now.creditsRefunded());
    BigDecimal expected = value(now, kept).subtract(value(now, kept.subtract(removing)));
    PurchaseRefundView r = purchases.refund(p.id(), credits, TEAM, null);
    assertThat(r.credits()).isEqualByComparingTo(removing);
    assertThat(number(r.amount())).isEqualByComparingTo(expected);
  }

  private BigDecimal freeIn(PurchaseView p) {
    LotRow lot = lotRow(p.lot());
    boolean expired = lot.expiresAt() != null && !clock.instant().isBefore(lot.expiresAt());
    return expired ? BigDecimal.ZERO : lot.remaining().subtract(lot.reserved());
  }

  /**
   * The model: position {@code x} is worth x × price ÷ total, to the cent; all of it at the end.
   */
  private static BigDecimal value(PurchaseView p, BigDecimal credits) {
    if (credits.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal price = number(p.price());
    if (credits.compareTo(p.totalCredits()) >= 0) {
      return price;
    }
    return credits.multiply(number(p.costBasisPerCredit())).setScale(2, RoundingMode.HALF_EVEN);
  }

  private static void assertTiesOut(PurchaseRevenue r) {
    assertThat(r.balanced()).as("%s", r).isTrue();
    assertThat(r.recognized().add(r.deferred()).add(r.refunded()))
        .as("recognized + deferred + refunded of %s", r)
        .isEqualTo(r.paid());
    assertThat(number(r.recognized()).signum()).as("%s", r).isGreaterThanOrEqualTo(0);
    assertThat(number(r.deferred()).signum()).as("%s", r).isGreaterThanOrEqualTo(0);
    assertThat(number(r.recognized()).scale()).isLessThanOrEqualTo(2);
  }
}
