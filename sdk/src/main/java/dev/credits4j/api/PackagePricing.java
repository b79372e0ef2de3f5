package dev.credits4j.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * How a credit package's figures are computed, with each rounding named. All figures count the
 * <em>total</em> credits a buyer receives (credits + bonus credits), so a bonus shows as a lower
 * price per credit and a higher discount.
 *
 * <ul>
 *   <li>price per credit = price ÷ total credits, to {@value #PRICE_PER_CREDIT_SCALE} decimal
 *       places, {@link RoundingMode#HALF_EVEN}: for display ($449 for 500 credits: 0.8980);
 *   <li>cost basis per credit = price ÷ total credits, to {@value #COST_BASIS_SCALE} decimal
 *       places, {@link RoundingMode#HALF_EVEN}: what a purchased lot records and what revenue is
 *       recognized at (the ledger gives a lot's last credit the remainder, so totals still tie
 *       out);
 *   <li>discount percent = (base rate × total credits − price) ÷ (base rate × total credits) × 100,
 *       to {@value #DISCOUNT_SCALE} decimal places, {@link RoundingMode#HALF_EVEN}, from exact
 *       values (Starter 100 for $99 at $1.00: 1.00; Professional 500 for $449: 10.20; Enterprise
 *       2000 for $1,599: 20.05). Negative when the package costs more than the base rate.
 * </ul>
 *
 * Money is never converted: each computation requires one currency and fails with {@link
 * ErrorCode#CURRENCY_MISMATCH} otherwise.
 */
public final class PackagePricing {
  /** Decimal places of {@link CreditPackageView#pricePerCredit()}. */
  public static final int PRICE_PER_CREDIT_SCALE = 4;

  /** Decimal places of a lot's cost basis per credit, as the ledger stores it. */
  public static final int COST_BASIS_SCALE = 10;

  /** Decimal places of {@link CreditPackageView#discountPercent()}. */
  public static final int DISCOUNT_SCALE = 2;

  /** The rounding of every package figure. */
  public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private PackagePricing() {}

  /** Price ÷ total credits, to {@value #PRICE_PER_CREDIT_SCALE} places, half-even. */
  public static MonetaryAmount pricePerCredit(MonetaryAmount price, BigDecimal totalCredits) {
    return perCredit(price, totalCredits, PRICE_PER_CREDIT_SCALE);
  }

  /** Price ÷ total credits, to {@value #COST_BASIS_SCALE} places, half-even: a lot's cost basis. */
  public static MonetaryAmount costBasisPerCredit(MonetaryAmount price, BigDecimal totalCredits) {
    return perCredit(price, totalCredits, COST_BASIS_SCALE);
  }

  /**
   * The discount of the package versus buying its total credits at the base rate, in percent to
   * {@value #DISCOUNT_SCALE} places, half-even; null when the base rate is zero (no list price to
   * compare with).
   */
  public static BigDecimal discountPercent(
      MonetaryAmount price, BigDecimal totalCredits, MonetaryAmount baseCreditRate) {
    requireSameCurrency(price, baseCreditRate);
    requirePositive(totalCredits);
    BigDecimal listPrice = exact(baseCreditRate).multiply(totalCredits);
    if (listPrice.signum() == 0) {
      return null;
    }
    return listPrice
        .subtract(exact(price))
        .multiply(HUNDRED)
        .divide(listPrice, DISCOUNT_SCALE, ROUNDING);
  }

  private static MonetaryAmount perCredit(
      MonetaryAmount price, BigDecimal totalCredits, int scale) {
    requirePositive(totalCredits);
    return Money.of(exact(price).divide(totalCredits, scale, ROUNDING), price.getCurrency());
  }

  private static BigDecimal exact(MonetaryAmount amount) {
    return amount.getNumber().numberValueExact(BigDecimal.class);
  }

  private static void requirePositive(BigDecimal totalCredits) {
    if (totalCredits == null || totalCredits.signum() <= 0) {
      throw new CreditsException(
          ErrorCode.INVALID_AMOUNT,
          "total credits must be greater than zero, was " + totalCredits,
          List.of(new FieldViolation("totalCredits", "must be greater than zero")));
    }
  }

  private static void requireSameCurrency(MonetaryAmount price, MonetaryAmount baseCreditRate) {
    if (!price.getCurrency().equals(baseCreditRate.getCurrency())) {
      throw new CreditsException(
          ErrorCode.CURRENCY_MISMATCH,
          "price is in "
              + price.getCurrency().getCurrencyCode()
              + " but the base credit rate in "
              + baseCreditRate.getCurrency().getCurrencyCode()
              + "; money is never converted",
          List.of(
              new FieldViolation(
                  "price", "must be in " + baseCreditRate.getCurrency().getCurrencyCode())));
    }
  }
}
