package dev.credits4j.api;

import java.math.BigDecimal;

/**
 * A debit the wallet cannot cover. Nothing changed. Carries the figures a client needs to act: the
 * balance, what was available (balance minus holds, plus any overdraft headroom), what was required
 * and the shortfall.
 */
public class InsufficientCreditsException extends CreditsException {
  private static final long serialVersionUID = 1L;

  private final BigDecimal balance;
  private final BigDecimal available;
  private final BigDecimal required;
  private final BigDecimal shortfall;

  public InsufficientCreditsException(
      BigDecimal balance, BigDecimal available, BigDecimal required, BigDecimal shortfall) {
    super(
        ErrorCode.INSUFFICIENT_CREDITS,
        "Insufficient credits: required "
            + required.toPlainString()
            + ", available "
            + available.toPlainString()
            + ", shortfall "
            + shortfall.toPlainString());
    this.balance = balance;
    this.available = available;
    this.required = required;
    this.shortfall = shortfall;
  }

  public BigDecimal balance() {
    return balance;
  }

  public BigDecimal available() {
    return available;
  }

  public BigDecimal required() {
    return required;
  }

  public BigDecimal shortfall() {
    return shortfall;
  }
}
