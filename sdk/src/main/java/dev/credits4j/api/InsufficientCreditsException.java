package dev.credits4j.api;

import java.math.BigDecimal;
import java.util.List;

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
  private final transient List<CreditPackageView> suggestedPackages;

  public InsufficientCreditsException(
      BigDecimal balance, BigDecimal available, BigDecimal required, BigDecimal shortfall) {
    this(balance, available, required, shortfall, List.of());
  }

  public InsufficientCreditsException(
      BigDecimal balance,
      BigDecimal available,
      BigDecimal required,
      BigDecimal shortfall,
      List<CreditPackageView> suggestedPackages) {
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
    this.suggestedPackages = List.copyOf(suggestedPackages);
  }

  /** The same figures with the packages that would cover the shortfall, smallest first. */
  public InsufficientCreditsException withSuggestions(List<CreditPackageView> packages) {
    InsufficientCreditsException e =
        new InsufficientCreditsException(balance, available, required, shortfall, packages);
    e.setStackTrace(getStackTrace());
    return e;
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

  /**
   * Catalog packages that would cover the shortfall, smallest first; empty if none were looked up.
   */
  public List<CreditPackageView> suggestedPackages() {
    return suggestedPackages == null ? List.of() : suggestedPackages;
  }
}
