package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import javax.money.MonetaryAmount;

/**
 * A block of credits with one origin. {@code reserved} is the part held for open holds; {@code
 * expiresAt} is the lot's own expiry, before the workspace's grace period; {@code rollover} is the
 * lot's own rule for its credits left at expiry (an allotment's or a package's), null when the
 * workspace's rollover settings apply to it.
 */
public record LotView(
    LotId id,
    LotSource source,
    BigDecimal original,
    BigDecimal remaining,
    BigDecimal reserved,
    Instant grantedAt,
    Instant effectiveAt,
    Instant expiresAt,
    MonetaryAmount costBasis,
    int priority,
    LotRolloverRule rollover) {

  /** A lot without a rollover rule of its own: the workspace's settings apply to it. */
  public LotView(
      LotId id,
      LotSource source,
      BigDecimal original,
      BigDecimal remaining,
      BigDecimal reserved,
      Instant grantedAt,
      Instant effectiveAt,
      Instant expiresAt,
      MonetaryAmount costBasis,
      int priority) {
    this(
        id,
        source,
        original,
        remaining,
        reserved,
        grantedAt,
        effectiveAt,
        expiresAt,
        costBasis,
        priority,
        null);
  }

  /** Credits of this lot that a debit may take now: remaining minus reserved. */
  public BigDecimal free() {
    return remaining.subtract(reserved);
  }
}
