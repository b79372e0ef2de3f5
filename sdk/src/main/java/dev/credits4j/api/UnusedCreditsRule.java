package dev.credits4j.api;

import java.math.BigDecimal;

/**
 * What happens to an allotment period's credits still unused when the period ends (see
 * docs/allotments.md). The period's lot expires at the period's end plus the workspace's grace
 * period; the workspace's own rollover settings never apply to it.
 *
 * @param kind the rule
 * @param minimum for {@link Kind#ROLLOVER_CAPPED}: fewer unused credits than this roll nothing over
 *     (zero: any amount rolls over); null otherwise
 * @param maximum for {@link Kind#ROLLOVER_CAPPED}: at most this many credits roll over; null
 *     otherwise
 */
public record UnusedCreditsRule(Kind kind, BigDecimal minimum, BigDecimal maximum) {

  /** The kinds of rule. */
  public enum Kind {
    /** The period's unused credits expire at the period's end. */
    EXPIRE,
    /** Unused credits carry over indefinitely: the allotment's lots never expire. */
    ROLLOVER_ALL,
    /**
     * At the period's end, unused credits fewer than the minimum expire; otherwise up to the
     * maximum of them roll over into a lot that expires at the end of the next period, and the rest
     * expires.
     */
    ROLLOVER_CAPPED
  }

  /** Unused credits expire at the period's end (the default). */
  public static UnusedCreditsRule expire() {
    return new UnusedCreditsRule(Kind.EXPIRE, null, null);
  }

  /** Unused credits never expire. */
  public static UnusedCreditsRule rolloverAll() {
    return new UnusedCreditsRule(Kind.ROLLOVER_ALL, null, null);
  }

  /** Between {@code minimum} and {@code maximum} unused credits roll over for one more period. */
  public static UnusedCreditsRule rolloverCapped(BigDecimal minimum, BigDecimal maximum) {
    return new UnusedCreditsRule(Kind.ROLLOVER_CAPPED, minimum, maximum);
  }
}
