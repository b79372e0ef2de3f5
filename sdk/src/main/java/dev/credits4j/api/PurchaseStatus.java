package dev.credits4j.api;

/**
 * Where a purchase stands (docs/ledger.md): {@code PENDING → PAID → CREDITED}, or {@code FAILED} /
 * {@code CANCELED}; {@code PARTIALLY_REFUNDED} / {@code REFUNDED} after it was credited.
 */
public enum PurchaseStatus {
  /** Created; the payment has not succeeded (yet). */
  PENDING,
  /** The gateway (or a team member, for manual payments) reported the money received. */
  PAID,
  /** Its credits were granted, exactly once, as one lot. */
  CREDITED,
  /** The payment failed; a later success may still mark it paid. */
  FAILED,
  /** Abandoned before payment. */
  CANCELED,
  /** Some of its unused credits were refunded; more may be. */
  PARTIALLY_REFUNDED,
  /** Every credit left in its lot was refunded. */
  REFUNDED;

  /** Whether the purchase counts against a package's purchase limit per organization. */
  public boolean countsTowardsLimit() {
    return this != FAILED && this != CANCELED;
  }
}
