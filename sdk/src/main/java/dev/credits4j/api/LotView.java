package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import javax.money.MonetaryAmount;

/**
 * A block of credits with one origin. {@code reserved} is the part held for open holds; {@code
 * expiresAt} is the lot's own expiry, before the workspace's grace period.
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
    int priority) {

  /** Credits of this lot that a debit may take now: remaining minus reserved. */
  public BigDecimal free() {
    return remaining.subtract(reserved);
  }
}
