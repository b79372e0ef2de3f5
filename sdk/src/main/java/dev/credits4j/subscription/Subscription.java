package dev.credits4j.subscription;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ActorType;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.SubscriptionPauseReason;
import dev.credits4j.api.SubscriptionStatus;
import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One organization's subscription to a recurring offering; see {@link
 * dev.credits4j.api.SubscriptionView}. Changed only under the lock of its wallet. {@code
 * nextPeriod} is the index of the first period not yet charged (nor skipped); {@code
 * nextPeriodDate} its first day, kept for the scheduler's index, null once cancelled.
 */
@Entity
@Table(name = "credits_subscription")
class Subscription {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  private String workspaceKey;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @Column(name = "offering_id", nullable = false, length = 36, updatable = false)
  private String offeringId;

  @Column(name = "offering_name", nullable = false, length = 200, updatable = false)
  private String offeringName;

  @Column(name = "credits", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal credits;

  @Enumerated(EnumType.STRING)
  @Column(name = "period_unit", nullable = false, length = 10, updatable = false)
  private AllotmentPeriod period;

  @Column(name = "start_date", nullable = false, length = 10, updatable = false)
  private String startDate;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 10)
  private SubscriptionStatus status;

  @Enumerated(EnumType.STRING)
  @Column(name = "pause_reason", length = 20)
  private SubscriptionPauseReason pauseReason;

  @Column(name = "next_period", nullable = false)
  private int nextPeriod;

  @Column(name = "next_period_date", length = 10)
  private String nextPeriodDate;

  @Column(name = "periods_charged", nullable = false)
  private int periodsCharged;

  @Enumerated(EnumType.STRING)
  @Column(name = "created_by_type", nullable = false, length = 10, updatable = false)
  private ActorType createdByType;

  @Column(name = "created_by_id", nullable = false, length = 128, updatable = false)
  private String createdById;

  @Column(name = "created_by_name", nullable = false, length = 200, updatable = false)
  private String createdByName;

  @Enumerated(EnumType.STRING)
  @Column(name = "changed_by_type", nullable = false, length = 10)
  private ActorType changedByType;

  @Column(name = "changed_by_id", nullable = false, length = 128)
  private String changedById;

  @Column(name = "changed_by_name", nullable = false, length = 200)
  private String changedByName;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Long createdAt;

  @Column(name = "updated_at", nullable = false)
  private Long updatedAt;

  protected Subscription() {}

  Subscription(
      String id,
      String workspaceKey,
      String walletId,
      String offeringId,
      String offeringName,
      BigDecimal credits,
      AllotmentPeriod period,
      LocalDate startDate,
      Actor createdBy,
      Instant now) {
    this.id = id;
    this.workspaceKey = workspaceKey;
    this.walletId = walletId;
    this.offeringId = offeringId;
    this.offeringName = offeringName;
    this.credits = credits;
    this.period = period;
    this.startDate = startDate.toString();
    this.status = SubscriptionStatus.ACTIVE;
    this.nextPeriod = 0;
    this.nextPeriodDate = this.startDate;
    this.periodsCharged = 0;
    this.createdByType = createdBy.type();
    this.createdById = createdBy.id();
    this.createdByName = createdBy.name();
    changed(createdBy, now);
    this.createdAt = this.updatedAt;
  }

  public String getId() {
    return id;
  }

  public String getWorkspaceKey() {
    return workspaceKey;
  }

  public String getWalletId() {
    return walletId;
  }

  public String getOfferingId() {
    return offeringId;
  }

  public String getOfferingName() {
    return offeringName;
  }

  public BigDecimal getCredits() {
    return credits;
  }

  public AllotmentPeriod getPeriod() {
    return period;
  }

  public LocalDate getStartDate() {
    return LocalDate.parse(startDate);
  }

  public SubscriptionStatus getStatus() {
    return status;
  }

  public SubscriptionPauseReason getPauseReason() {
    return pauseReason;
  }

  public int getNextPeriod() {
    return nextPeriod;
  }

  public LocalDate getNextPeriodDate() {
    return nextPeriodDate == null ? null : LocalDate.parse(nextPeriodDate);
  }

  public int getPeriodsCharged() {
    return periodsCharged;
  }

  Actor getCreatedBy() {
    return new Actor(createdByType, createdById, createdByName);
  }

  Actor getChangedBy() {
    return new Actor(changedByType, changedById, changedByName);
  }

  public Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  public Instant getUpdatedAt() {
    return Micros.toInstant(updatedAt);
  }

  /** The first day of period {@code index}. */
  LocalDate periodStart(int index) {
    return period.start(getStartDate(), index);
  }

  /** Period {@code nextPeriod} was charged: the next one is due next. */
  void charged(Instant now) {
    periodsCharged++;
    moveTo(nextPeriod + 1, now);
  }

  /** The next period to charge becomes {@code index} (periods before it are charged or skipped). */
  void moveTo(int index, Instant now) {
    nextPeriod = index;
    nextPeriodDate = periodStart(index).toString();
    updatedAt = Micros.of(now);
  }

  void pause(SubscriptionPauseReason reason, Actor actor, Instant now) {
    status = SubscriptionStatus.PAUSED;
    pauseReason = reason;
    changed(actor, now);
  }

  void activate(Actor actor, Instant now) {
    status = SubscriptionStatus.ACTIVE;
    pauseReason = null;
    changed(actor, now);
  }

  void cancel(Actor actor, Instant now) {
    status = SubscriptionStatus.CANCELLED;
    pauseReason = null;
    nextPeriodDate = null;
    changed(actor, now);
  }

  private void changed(Actor actor, Instant now) {
    this.changedByType = actor.type();
    this.changedById = actor.id();
    this.changedByName = actor.name();
    this.updatedAt = Micros.of(now);
  }
}
