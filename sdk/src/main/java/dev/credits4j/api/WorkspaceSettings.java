package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/**
 * A workspace (tenant) and its credit settings.
 *
 * @param key the workspace's stable key, chosen by the host (letters, digits, '-', '_')
 * @param creditScale decimal places a credit amount may have, 0 (whole credits) to 4
 * @param currency the workspace's billing currency; every money amount must use it
 * @param baseCreditRate the list price of one credit, against which package discounts are shown
 * @param defaultExpiryDays lot expiry when neither the lot nor its package sets one; null: never
 * @param gracePeriodDays days after expiry before the sweep removes a lot's credits
 * @param warningDays days before expiry at which warnings go out
 * @param lowBalanceThreshold available credits below which a low-balance alert fires; null: off
 * @param rolloverCapCredits at most this many credits roll over when rollover is on; null: no cap
 * @param rolloverCapPercent at most this percent of a lot rolls over; null: no cap
 */
public record WorkspaceSettings(
    String key,
    String name,
    boolean creditsEnabled,
    int creditScale,
    CurrencyUnit currency,
    MonetaryAmount baseCreditRate,
    Integer defaultExpiryDays,
    int gracePeriodDays,
    List<Integer> warningDays,
    BigDecimal lowBalanceThreshold,
    ZoneId timeZone,
    boolean rolloverEnabled,
    BigDecimal rolloverCapCredits,
    Integer rolloverCapPercent) {

  public static final int MAX_SCALE = 4;

  public WorkspaceSettings {
    warningDays = warningDays == null ? List.of() : List.copyOf(warningDays);
  }

  /** Defaults: credits on, whole credits, 1.00 per credit, no expiry, warnings at 30 and 7 days. */
  public static Builder builder(String key, CurrencyUnit currency) {
    return new Builder(key, currency);
  }

  public Builder toBuilder() {
    Builder b = new Builder(key, currency);
    b.name = name;
    b.creditsEnabled = creditsEnabled;
    b.creditScale = creditScale;
    b.baseCreditRate = baseCreditRate;
    b.defaultExpiryDays = defaultExpiryDays;
    b.gracePeriodDays = gracePeriodDays;
    b.warningDays = warningDays;
    b.lowBalanceThreshold = lowBalanceThreshold;
    b.timeZone = timeZone;
    b.rolloverEnabled = rolloverEnabled;
    b.rolloverCapCredits = rolloverCapCredits;
    b.rolloverCapPercent = rolloverCapPercent;
    return b;
  }

  /** Builds {@link WorkspaceSettings}. */
  public static final class Builder {
    private final String key;
    private final CurrencyUnit currency;
    private String name;
    private boolean creditsEnabled = true;
    private int creditScale;
    private MonetaryAmount baseCreditRate;
    private Integer defaultExpiryDays;
    private int gracePeriodDays;
    private List<Integer> warningDays = List.of(30, 7);
    private BigDecimal lowBalanceThreshold;
    private ZoneId timeZone = ZoneId.of("UTC");
    private boolean rolloverEnabled;
    private BigDecimal rolloverCapCredits;
    private Integer rolloverCapPercent;

    private Builder(String key, CurrencyUnit currency) {
      this.key = key;
      this.currency = Objects.requireNonNull(currency, "currency");
      this.baseCreditRate = Money.of(BigDecimal.ONE, currency);
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder creditsEnabled(boolean creditsEnabled) {
      this.creditsEnabled = creditsEnabled;
      return this;
    }

    public Builder creditScale(int creditScale) {
      this.creditScale = creditScale;
      return this;
    }

    public Builder baseCreditRate(MonetaryAmount baseCreditRate) {
      this.baseCreditRate = baseCreditRate;
      return this;
    }

    public Builder defaultExpiryDays(Integer defaultExpiryDays) {
      this.defaultExpiryDays = defaultExpiryDays;
      return this;
    }

    public Builder gracePeriodDays(int gracePeriodDays) {
      this.gracePeriodDays = gracePeriodDays;
      return this;
    }

    public Builder warningDays(List<Integer> warningDays) {
      this.warningDays = warningDays;
      return this;
    }

    public Builder lowBalanceThreshold(BigDecimal lowBalanceThreshold) {
      this.lowBalanceThreshold = lowBalanceThreshold;
      return this;
    }

    public Builder timeZone(ZoneId timeZone) {
      this.timeZone = timeZone;
      return this;
    }

    public Builder rolloverEnabled(boolean rolloverEnabled) {
      this.rolloverEnabled = rolloverEnabled;
      return this;
    }

    public Builder rolloverCapCredits(BigDecimal rolloverCapCredits) {
      this.rolloverCapCredits = rolloverCapCredits;
      return this;
    }

    public Builder rolloverCapPercent(Integer rolloverCapPercent) {
      this.rolloverCapPercent = rolloverCapPercent;
      return this;
    }

    public WorkspaceSettings build() {
      return new WorkspaceSettings(
          key,
          name == null ? key : name,
          creditsEnabled,
          creditScale,
          currency,
          baseCreditRate,
          defaultExpiryDays,
          gracePeriodDays,
          warningDays,
          lowBalanceThreshold,
          timeZone,
          rolloverEnabled,
          rolloverCapCredits,
          rolloverCapPercent);
    }
  }
}
