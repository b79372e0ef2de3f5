package dev.credits4j.subscription;

import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One period a subscription was charged for. Unique per (subscription, period index), so a period
 * can never be charged twice; never updated.
 */
@Entity
@Table(name = "credits_subscription_charge")
class SubscriptionCharge {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "subscription_id", nullable = false, length = 36, updatable = false)
  private String subscriptionId;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @Column(name = "period_index", nullable = false, updatable = false)
  private int periodIndex;

  @Column(name = "period_start", nullable = false, length = 10, updatable = false)
  private String periodStart;

  @Column(name = "period_end", nullable = false, length = 10, updatable = false)
  private String periodEnd;

  @Column(name = "starts_at", nullable = false, updatable = false)
  private Long startsAt;

  @Column(name = "ends_at", nullable = false, updatable = false)
  private Long endsAt;

  @Column(name = "credits", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal credits;

  @Column(name = "entry_id", nullable = false, length = 36, updatable = false)
  private String entryId;

  @Column(name = "charged_at", nullable = false, updatable = false)
  private Long chargedAt;

  protected SubscriptionCharge() {}

  SubscriptionCharge(
      String id,
      Subscription s,
      int periodIndex,
      LocalDate periodStart,
      LocalDate periodEnd,
      Instant startsAt,
      Instant endsAt,
      String entryId,
      Instant chargedAt) {
    this.id = id;
    this.subscriptionId = s.getId();
    this.walletId = s.getWalletId();
    this.periodIndex = periodIndex;
    this.periodStart = periodStart.toString();
    this.periodEnd = periodEnd.toString();
    this.startsAt = Micros.of(startsAt);
    this.endsAt = Micros.of(endsAt);
    this.credits = s.getCredits();
    this.entryId = entryId;
    this.chargedAt = Micros.of(chargedAt);
  }

  public String getSubscriptionId() {
    return subscriptionId;
  }

  public int getPeriodIndex() {
    return periodIndex;
  }

  public LocalDate getPeriodStart() {
    return LocalDate.parse(periodStart);
  }

  public LocalDate getPeriodEnd() {
    return LocalDate.parse(periodEnd);
  }

  public Instant getStartsAt() {
    return Micros.toInstant(startsAt);
  }

  public Instant getEndsAt() {
    return Micros.toInstant(endsAt);
  }

  public BigDecimal getCredits() {
    return credits;
  }

  public String getEntryId() {
    return entryId;
  }

  public Instant getChargedAt() {
    return Micros.toInstant(chargedAt);
  }
}
