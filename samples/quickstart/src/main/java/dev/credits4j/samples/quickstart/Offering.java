package dev.credits4j.samples.quickstart;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A credit-based service of the help text: {@code creditsPerUnit} credits for every started {@code
 * unitSize} of work, e.g. 15 credits per 1000 words, or 8 credits per graphic (unit size 1).
 */
record Offering(String id, String name, long creditsPerUnit, long unitSize, String unit) {

  /** A started unit is charged in full: 2,500 words are 3 blocks of 1000 words. */
  static final RoundingMode UNIT_ROUNDING = RoundingMode.CEILING;

  /** The credits a request for {@code quantity} units of work costs. */
  BigDecimal creditsFor(long quantity) {
    BigDecimal blocks =
        BigDecimal.valueOf(quantity).divide(BigDecimal.valueOf(unitSize), 0, UNIT_ROUNDING);
    return blocks.multiply(BigDecimal.valueOf(creditsPerUnit));
  }
}
