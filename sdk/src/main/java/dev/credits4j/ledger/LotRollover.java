package dev.credits4j.ledger;

import dev.credits4j.api.PackageRollover;
import dev.credits4j.internal.CreditAmounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A lot's own rule for the credits it still holds at expiry, replacing the workspace's rollover
 * settings for that lot (an allotment's lots carry the allotment's rule, a purchase's lot its
 * package's). At expiry plus grace the sweep looks at everything the lot gives up to expiry (see
 * docs/expiry.md): fewer than {@code minimum} credits roll nothing over; otherwise up to {@code
 * maximum}, and up to {@code maximumPercent} percent of them when set, move into a {@code ROLLOVER}
 * lot expiring at {@code rolledExpiresAt} (never when null), and the rest expires.
 *
 * @param minimum the fewest unused credits worth rolling over; zero for any
 * @param maximum the most credits that roll over; zero: everything expires
 * @param maximumPercent the most that rolls over as a percent (1 to 100) of the unused credits,
 *     rounded down to the workspace's credit scale; null for no percent cap
 * @param rolledExpiresAt when rolled-over credits expire; null for never
 */
public record LotRollover(
    BigDecimal minimum, BigDecimal maximum, Integer maximumPercent, Instant rolledExpiresAt) {
  /** Nothing rolls over: the lot's credits expire at its expiry. */
  public static final LotRollover NONE =
      new LotRollover(CreditAmounts.ZERO, CreditAmounts.ZERO, null, null);

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public LotRollover {
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(maximum, "maximum");
    if (minimum.signum() < 0 || maximum.compareTo(minimum) < 0) {
      throw new IllegalArgumentException(
          "a rollover needs 0 <= minimum <= maximum, was " + minimum + " and " + maximum);
    }
    if (maximumPercent != null && (maximumPercent < 1 || maximumPercent > 100)) {
      throw new IllegalArgumentException(
          "a rollover's percent cap must be 1 to 100, was " + maximumPercent);
    }
  }

  /** A rule without a percent cap, as an allotment's. */
  public LotRollover(BigDecimal minimum, BigDecimal maximum, Instant rolledExpiresAt) {
    this(minimum, maximum, null, rolledExpiresAt);
  }

  /**
   * The rule a purchase's lot of {@code credits} expiring at {@code expiresAt} gets from its
   * package's rule: nothing rolls over when the package disables rollover; otherwise any amount
   * rolls over, up to the package's caps (its credits when it has no credit cap: all of them), into
   * a lot living as long as this one did ({@code lifetime}), counted from its expiry. Null when the
   * package has no rule (the workspace's settings apply) or the lot never expires (nothing to
   * roll).
   */
  public static LotRollover ofPackage(
      PackageRollover rule, BigDecimal credits, Instant expiresAt, Duration lifetime) {
    if (rule == null || expiresAt == null) {
      return null;
    }
    if (!rule.enabled()) {
      return NONE;
    }
    return new LotRollover(
        CreditAmounts.ZERO,
        CreditAmounts.normalize(rule.capCredits() == null ? credits : rule.capCredits()),
        rule.capPercent(),
        expiresAt.plus(lifetime));
  }

  /**
   * How many of {@code unused} credits roll over, given that {@code rolledBefore} of them already
   * did: nothing below the minimum, else up to the maximum in all, and up to the percent cap of
   * {@code unused} rounded down to {@code scale} decimal places.
   */
  public BigDecimal rollable(BigDecimal unused, BigDecimal rolledBefore, int scale) {
    if (unused.compareTo(minimum) < 0) {
      return CreditAmounts.ZERO;
    }
    BigDecimal cap = unused.min(maximum);
    if (maximumPercent != null) {
      cap =
          cap.min(
              unused
                  .multiply(BigDecimal.valueOf(maximumPercent))
                  .divide(HUNDRED, scale, RoundingMode.DOWN));
    }
    return cap.subtract(rolledBefore).max(CreditAmounts.ZERO);
  }
}
