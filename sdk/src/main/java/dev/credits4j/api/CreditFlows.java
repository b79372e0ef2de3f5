package dev.credits4j.api;

import java.math.BigDecimal;

/**
 * Credits moved in a period, by kind, each as a non-negative figure except {@code transferred} and
 * {@code rolledOver}, which net to zero over a workspace (see docs/reports.md).
 *
 * @param sold credits of PURCHASE entries (credits and bonus of each package bought)
 * @param consumed credits of USAGE entries less those given back by REVERSAL entries
 * @param expired credits of EXPIRATION entries
 * @param refunded credits of REFUND entries
 * @param manuallyAdded credits of MANUAL_ADDITION entries
 * @param manuallyDeducted credits of MANUAL_DEDUCTION entries
 * @param allotted credits of ALLOTMENT entries
 * @param transferred credits that left wallets by TRANSFER_OUT (and arrived by TRANSFER_IN)
 * @param rolledOver credits moved into new lots by ROLLOVER entries (the balance does not change)
 */
public record CreditFlows(
    BigDecimal sold,
    BigDecimal consumed,
    BigDecimal expired,
    BigDecimal refunded,
    BigDecimal manuallyAdded,
    BigDecimal manuallyDeducted,
    BigDecimal allotted,
    BigDecimal transferred,
    BigDecimal rolledOver) {

  /** What the flows add to the balance: credits in, less credits out. */
  public BigDecimal netChange() {
    return sold.add(manuallyAdded)
        .add(allotted)
        .subtract(consumed)
        .subtract(expired)
        .subtract(refunded)
        .subtract(manuallyDeducted);
  }
}
