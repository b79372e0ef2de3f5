package dev.credits4j.workspace;

import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A tenant and its credit settings; see {@link dev.credits4j.api.WorkspaceSettings}. */
@Entity
@Table(name = "credits_workspace")
public class Workspace {
  @Id
  @Column(name = "ws_key", length = 64)
  private String key;

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Column(name = "credits_enabled", nullable = false)
  private boolean creditsEnabled;

  @Column(name = "credit_scale", nullable = false)
  private int creditScale;

  @Column(name = "currency", nullable = false, length = 3)
  private String currency;

  @Column(name = "base_credit_rate", nullable = false, precision = 19, scale = 4)
  private BigDecimal baseCreditRate;

  @Column(name = "default_expiry_days")
  private Integer defaultExpiryDays;

  @Column(name = "grace_period_days", nullable = false)
  private int gracePeriodDays;

  /** Comma-separated days before expiry, e.g. {@code 30,7}. */
  @Column(name = "warning_days", nullable = false, length = 100)
  private String warningDays;

  @Column(name = "low_balance_threshold", precision = 19, scale = 4)
  private BigDecimal lowBalanceThreshold;

  @Column(name = "time_zone", nullable = false, length = 64)
  private String timeZone;

  @Column(name = "rollover_enabled", nullable = false)
  private boolean rolloverEnabled;

  @Column(name = "rollover_cap_credits", precision = 19, scale = 4)
  private BigDecimal rolloverCapCredits;

  @Column(name = "rollover_cap_percent")
  private Integer rolloverCapPercent;

  @Column(name = "created_at", nullable = false)
  private Long createdAt;

  @Column(name = "updated_at", nullable = false)
  private Long updatedAt;

  protected Workspace() {}

  Workspace(String key, Instant now) {
    this.key = key;
    this.createdAt = Micros.of(now);
    this.updatedAt = Micros.of(now);
  }

  public String getKey() {
    return key;
  }

  public String getName() {
    return name;
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

  public BigDecimal getBaseCreditRate() {
    return baseCreditRate;
  }

  public Integer getDefaultExpiryDays() {
    return defaultExpiryDays;
  }

  public int getGracePeriodDays() {
    return gracePeriodDays;
  }

  public String getWarningDays() {
    return warningDays;
  }

  public BigDecimal getLowBalanceThreshold() {
    return lowBalanceThreshold;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public boolean isRolloverEnabled() {
    return rolloverEnabled;
  }

  public BigDecimal getRolloverCapCredits() {
    return rolloverCapCredits;
  }

  public Integer getRolloverCapPercent() {
    return rolloverCapPercent;
  }

  public Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  public Instant getUpdatedAt() {
    return Micros.toInstant(updatedAt);
  }

  void apply(
      String name,
      boolean creditsEnabled,
      int creditScale,
      String currency,
      BigDecimal baseCreditRate,
      Integer defaultExpiryDays,
      int gracePeriodDays,
      String warningDays,
      BigDecimal lowBalanceThreshold,
      String timeZone,
      boolean rolloverEnabled,
      BigDecimal rolloverCapCredits,
      Integer rolloverCapPercent,
      Instant now) {
    this.name = name;
    this.creditsEnabled = creditsEnabled;
    this.creditScale = creditScale;
    this.currency = currency;
    this.baseCreditRate = baseCreditRate;
    this.defaultExpiryDays = defaultExpiryDays;
    this.gracePeriodDays = gracePeriodDays;
    this.warningDays = warningDays;
    this.lowBalanceThreshold = lowBalanceThreshold;
    this.timeZone = timeZone;
    this.rolloverEnabled = rolloverEnabled;
    this.rolloverCapCredits = rolloverCapCredits;
    this.rolloverCapPercent = rolloverCapPercent;
    this.updatedAt = Micros.of(now);
  }
}
