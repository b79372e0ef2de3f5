package dev.credits4j.request;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.internal.CreditAmounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What a request of an offering costs in credits (as {@code catalog.PackagePricing} prices
 * packages).
 */
final class OfferingPricing {
  private OfferingPricing() {}

  /**
   * What {@code units} cost: ceil(units ÷ unit size) × credits per unit, rounded up to the
   * workspace's credit scale (a no-op unless the scale shrank since the offering was priced).
   */
  static BigDecimal cost(
      BigDecimal unitSize, BigDecimal creditsPerUnit, BigDecimal units, int creditScale) {
    BigDecimal charges = units.divide(unitSize, 0, RoundingMode.CEILING);
    BigDecimal credits =
        charges.multiply(creditsPerUnit).setScale(creditScale, RoundingMode.CEILING);
    if (credits.compareTo(CreditAmounts.MAX) > 0) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "units cost more than " + CreditAmounts.MAX.toPlainString() + " credits",
          List.of(new FieldViolation("units", "cost more credits than one debit may move")));
    }
    return CreditAmounts.normalize(credits);
  }
}
