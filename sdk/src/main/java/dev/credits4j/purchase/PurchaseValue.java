package dev.credits4j.purchase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import javax.money.CurrencyUnit;

/**
 * The money of a purchase's credits by position (invariant 7 in docs/ledger.md): the first {@code
 * x} of its {@code total} credits are worth {@code x × cost basis} rounded half-even to the
 * currency's minor unit, and all {@code total} are worth what was paid, so the last credit takes
 * the remainder. Purchases value refunds with it; reports value consumption, expiry and the
 * deferred balance with it, so every figure ties out to the minor unit.
 */
public final class PurchaseValue {
  /** The rounding of money per credit to the currency's minor unit. */
  public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

  private PurchaseValue() {}

  /**
   * The money of the first {@code credits} positions of {@code total} credits bought for {@code
   * paid} at {@code costBasis} per credit; zero for none, {@code paid} for all (or more).
   */
  public static BigDecimal ofFirst(
      BigDecimal credits,
      BigDecimal total,
      BigDecimal paid,
      BigDecimal costBasis,
      CurrencyUnit currency) {
    if (credits.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    if (credits.compareTo(total) >= 0) {
      return paid;
    }
    return atCostBasis(credits, costBasis, currency).min(paid);
  }

  /** {@code credits × costBasis}, rounded half-even to the currency's minor unit. */
  public static BigDecimal atCostBasis(
      BigDecimal credits, BigDecimal costBasis, CurrencyUnit currency) {
    return credits.multiply(costBasis).setScale(currency.getDefaultFractionDigits(), ROUNDING);
  }
}
