package dev.credits4j.workspace;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.PackagePricing;
import dev.credits4j.internal.Checks;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * A per-transaction snapshot of the part of a workspace's settings the ledger applies on every
 * operation (scale, currency, expiry, rollover, warnings): immutable, so {@link
 * dev.credits4j.internal.SettingsCache} may keep one for a short while. A locked wallet hands out
 * its workspace's snapshot through {@code LockedWallet.workspace()}.
 */
public final class WorkspaceSnapshot {
  private final String key;
  private final boolean creditsEnabled;
  private final int creditScale;
  private final String currency;
  private final Integer defaultExpiryDays;
  private final int gracePeriodDays;
  private final boolean rolloverEnabled;
  private final BigDecimal rolloverCapCredits;
  private final Integer rolloverCapPercent;
  private final BigDecimal lowBalanceThreshold;
  private final List<Integer> warningDays;

  private WorkspaceSnapshot(Workspace ws) {
    this.key = ws.getKey();
    this.creditsEnabled = ws.isCreditsEnabled();
    this.creditScale = ws.getCreditScale();
    this.currency = ws.getCurrency();
    this.defaultExpiryDays = ws.getDefaultExpiryDays();
    this.gracePeriodDays = ws.getGracePeriodDays();
    this.rolloverEnabled = ws.isRolloverEnabled();
    this.rolloverCapCredits = ws.getRolloverCapCredits();
    this.rolloverCapPercent = ws.getRolloverCapPercent();
    this.lowBalanceThreshold = ws.getLowBalanceThreshold();
    this.warningDays = parseDays(ws.getWarningDays());
  }

  /** Days as stored: comma-separated, possibly empty. */
  public static List<Integer> parseDays(String stored) {
    return stored == null || stored.isBlank()
        ? List.of()
        : Arrays.stream(stored.split(",")).map(String::strip).map(Integer::valueOf).toList();
  }

  public static WorkspaceSnapshot of(Workspace ws) {
    return new WorkspaceSnapshot(ws);
  }

  public String getKey() {
    return key;
  }

  public boolean isCreditsEnabled() {
    return creditsEnabled;
  }

  public int getCreditScale() {
    return creditScale;
  }

  public String getCurrency() {
    return currency;
  }

  public Integer getDefaultExpiryDays() {
    return defaultExpiryDays;
  }

  public int getGracePeriodDays() {
    return gracePeriodDays;
  }

  /** Whether expiring credits roll over into a new lot (up to the caps) instead of expiring. */
  public boolean isRolloverEnabled() {
    return rolloverEnabled;
  }

  /** At most this many credits of a lot roll over; null: no absolute cap. */
  public BigDecimal getRolloverCapCredits() {
    return rolloverCapCredits;
  }

  /** At most this percent of a lot's expiring credits roll over; null: no percent cap. */
  public Integer getRolloverCapPercent() {
    return rolloverCapPercent;
  }

  /** Available credits below which a low-balance alert fires; null: no alerts. */
  public BigDecimal getLowBalanceThreshold() {
    return lowBalanceThreshold;
  }

  /** Days before a lot's expiry at which expiring-soon warnings go out. */
  public List<Integer> getWarningDays() {
    return warningDays;
  }

  /**
   * A lot's cost basis per credit as given for a grant: zero when none is given, else in this
   * workspace's currency, not negative, at most {@link PackagePricing#COST_BASIS_SCALE} decimal
   * places and below 10^14; a 400 naming {@code costBasis} otherwise.
   */
  public BigDecimal costBasis(MonetaryAmount basis) {
    if (basis == null) {
      return BigDecimal.ZERO;
    }
    String code = basis.getCurrency().getCurrencyCode();
    if (!code.equals(currency)) {
      throw new CreditsException(
          ErrorCode.CURRENCY_MISMATCH,
          "costBasis is in " + code + " but workspace '" + key + "' bills in " + currency,
          List.of(new FieldViolation("costBasis", "must be in " + currency)));
    }
    BigDecimal value = basis.getNumber().numberValueExact(BigDecimal.class);
    if (value.signum() < 0) {
      throw Checks.invalid("costBasis", "must not be negative");
    }
    if (value.stripTrailingZeros().scale() > PackagePricing.COST_BASIS_SCALE) {
      throw Checks.invalid(
          "costBasis", "has more than " + PackagePricing.COST_BASIS_SCALE + " decimal places");
    }
    if (value.compareTo(new BigDecimal("100000000000000")) >= 0) {
      throw Checks.invalid("costBasis", "is too large");
    }
    return value;
  }
}
