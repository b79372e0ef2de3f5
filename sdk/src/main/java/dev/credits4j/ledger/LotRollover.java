package dev.credits4j.ledger;

import dev.credits4j.internal.CreditAmounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A lot's own rule for the credits it still holds at expiry, replacing the workspace's rollover
 * settings for that lot (an allotment's lots carry the allotment's rule). At expiry plus grace the
 * sweep looks at everything the lot gives up to expiry (see docs/expiry.md): fewer than {@code
 * minimum} credits roll nothing over; otherwise up to {@code maximum} move into a {@code ROLLOVER}
 * lot expiring at {@code rolledExpiresAt} (never when null), and the rest expires.
 *
 * @param minimum the fewest unused credits worth rolling over; zero for any
 * @param maximum the most credits that roll over; zero: everything expires
 * @param rolledExpiresAt when rolled-over credits expire; null for never
 */
public record LotRollover(BigDecimal minimum, BigDecimal maximum, Instant rolledExpiresAt) {
  /** Nothing rolls over: the lot's credits expire at its expiry. */
  public static final LotRollover NONE =
      new LotRollover(CreditAmounts.ZERO, CreditAmounts.ZERO, null);

  public LotRollover {
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(maximum, "maximum");
    if (minimum.signum() < 0 || maximum.compareTo(minimum) < 0) {
      throw new IllegalArgumentException(
          "a rollover needs 0 <= minimum <= maximum, was " + minimum + " and " + maximum);
    }
  }

  /**
   * How many of {@code unused} credits roll over, given that {@code rolledBefore} of them already
   * did: nothing below the minimum, else up to the maximum in all.
   */
  public BigDecimal rollable(BigDecimal unused, BigDecimal rolledBefore) {
    if (unused.compareTo(minimum) < 0) {
      return CreditAmounts.ZERO;
    }
    return unused.min(maximum).subtract(rolledBefore).max(CreditAmounts.ZERO);
  }
}
