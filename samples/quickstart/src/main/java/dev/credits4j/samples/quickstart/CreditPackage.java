package dev.credits4j.samples.quickstart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * A credit package of the agency's catalog, as the help text describes it: so many credits for a
 * price, expiring so many days after the purchase. The SDK's ledger only sees the lot a purchase
 * grants; the catalog itself belongs to the host (here, to this sample).
 */
record CreditPackage(String id, String name, long credits, MonetaryAmount price, int expiryDays) {

  /**
   * Decimal places kept for a cost basis per credit: the most the ledger accepts. Prices whose
   * division by the credits terminates within them (every package of the help text) are exact.
   */
  static final int COST_BASIS_SCALE = 10;

  /** Applied only when price ÷ credits does not terminate within {@link #COST_BASIS_SCALE}. */
  static final RoundingMode COST_BASIS_ROUNDING = RoundingMode.HALF_EVEN;

  /** Decimal places of a discount shown in percent. */
  static final int DISCOUNT_SCALE = 2;

  static final RoundingMode DISCOUNT_ROUNDING = RoundingMode.HALF_EVEN;

  /** What one credit of this package costs: price ÷ credits, e.g. $449 ÷ 500 = $0.898. */
  MonetaryAmount costBasis() {
    BigDecimal perCredit =
        amountOf(price)
            .divide(BigDecimal.valueOf(credits), COST_BASIS_SCALE, COST_BASIS_ROUNDING)
            .stripTrailingZeros();
    return Money.of(perCredit, price.getCurrency());
  }

  /** The discount per credit against the workspace's base rate, in percent (10.20 for 10.2%). */
  BigDecimal discountPercent(MonetaryAmount baseRate) {
    BigDecimal base = amountOf(baseRate);
    if (base.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return base.subtract(amountOf(costBasis()))
        .multiply(BigDecimal.valueOf(100))
        .divide(base, DISCOUNT_SCALE, DISCOUNT_ROUNDING);
  }

  static BigDecimal amountOf(MonetaryAmount money) {
    return money.getNumber().numberValueExact(BigDecimal.class);
  }
}
