package dev.credits4j.rest.dto;

import java.math.BigDecimal;

/**
 * The deferred-revenue roll-forward: {@code opening + sold + granted − consumed − deducted −
 * expired − refunded = closing}; {@code difference} is zero and {@code tiesOut} true when it holds
 * for money and credits alike. {@code difference} may be negative.
 */
public record RollForwardReportResponse(
    String workspace,
    String currency,
    ReportPeriodDto period,
    MoneyDto opening,
    MoneyDto sold,
    MoneyDto granted,
    MoneyDto consumed,
    MoneyDto deducted,
    MoneyDto expired,
    MoneyDto refunded,
    MoneyDto closing,
    MoneyDto difference,
    CreditRollForward credits,
    boolean tiesOut) {

  /** The credit balance rolled forward: opening + flows' net change = closing. */
  public record CreditRollForward(
      BigDecimal opening, CreditFlowsDto flows, BigDecimal closing, BigDecimal difference) {}
}
