package dev.credits4j.allotment;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ActorType;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentStatus;
import dev.credits4j.api.UnusedCreditsRule;
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
 * A recurring grant to one wallet; see {@link dev.credits4j.api.AllotmentView}. Changed only under
 * the lock of its wallet. {@code nextPeriod} is the index of the first period not yet granted (nor
 * skipped); {@code nextPeriodDate} its first day, kept for the scheduler's index, null once nothing
 * more will be granted.
 */
@Entity
@Table(name = "credits_allotment")
class Allotment {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  private String workspaceKey;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @Column(name = "credits", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal credits;

  @Enumerated(EnumType.STRING)
  @Column(name = "period_unit", nullable = false, length = 10, updatable = false)
  private AllotmentPeriod period;

  @Column(name = "start_date", nullable = false, length = 10, updatable = false)
  private String startDate;

  @Column(name = "end_date", length = 10, updatable = false)
  private String endDate;

  @Column(name = "cost_basis", nullable = false, precision = 24, scale = 10, updatable = false)
  private BigDecimal costBasis;

  @Column(name = "currency", nullable = false, length = 3, updatable = false)
  private String currency;

  @Enumerated(EnumType.STRING)
  @Column(name = "unused_credits", nullable = false, length = 20, updatable = false)
  private UnusedCreditsRule.Kind unusedCredits;

  @Column(name = "rollover_min", precision = 19, scale = 4, updatable = false)
  private BigDecimal rolloverMin;

  @Column(name = "rollover_max", precision = 19, scale = 4, updatable = false)
  private BigDecimal rolloverMax;

  @Column(name = "description", length = 200, updatable = false)
  private String description;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 10)
  private AllotmentStatus status;

  @Column(name = "next_period", nullable = false)
  private int nextPeriod;

  @Column(name = "next_period_date", length = 10)
  private String nextPeriodDate;

  @Column(name = "periods_granted", nullable = false)
  private int periodsGranted;

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

  protected Allotment() {}

  Allotment(
      String id,
      String workspaceKey,
      String walletId,
      BigDecimal credits,
      AllotmentPeriod period,
      LocalDate startDate,
      LocalDate endDate,
      BigDecimal costBasis,
      String currency,
      UnusedCreditsRule unused,
      String description,
      Actor createdBy,
      Instant now) {
    this.id = id;
    this.workspaceKey = workspaceKey;
    this.walletId = walletId;
    this.credits = credits;
    this.period = period;
    this.startDate = startDate.toString();
    this.endDate = endDate == null ? null : endDate.toString();
    this.costBasis = costBasis;
    this.currency = currency;
    this.unusedCredits = unused.kind();
    this.rolloverMin = unused.minimum();
    this.rolloverMax = unused.maximum();
    this.description = description;
    this.status = AllotmentStatus.ACTIVE;
    this.nextPeriod = 0;
    this.nextPeriodDate = this.startDate;
    this.periodsGranted = 0;
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

  public BigDecimal getCredits() {
    return credits;
  }

  public AllotmentPeriod getPeriod() {
    return period;
  }

  public LocalDate getStartDate() {
    return LocalDate.parse(startDate);
  }

  public LocalDate getEndDate() {
    return endDate == null ? null : LocalDate.parse(endDate);
  }

  public BigDecimal getCostBasis() {
    return costBasis;
  }

  public String getCurrency() {
    return currency;
  }

  public UnusedCreditsRule getUnusedCredits() {
    return new UnusedCreditsRule(unusedCredits, rolloverMin, rolloverMax);
  }

  public String getDescription() {
    return description;
  }

  public AllotmentStatus getStatus() {
    return status;
  }

  public int getNextPeriod() {
    return nextPeriod;
  }

  public LocalDate getNextPeriodDate() {
    return nextPeriodDate == null ? null : LocalDate.parse(nextPeriodDate);
  }

  public int getPeriodsGranted() {
    return periodsGranted;
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

  /** Whether period {@code index} starts before the end date (always, without one). */
  boolean withinEnd(int index) {
    return endDate == null || periodStart(index).isBefore(getEndDate());
  }

  /** Period {@code nextPeriod} was granted: the next one is due next. */
  void granted(Instant now) {
    periodsGranted++;
    moveTo(nextPeriod + 1, now);
  }

  /**
   * The next period to grant becomes {@code index} (periods before it are granted or skipped); the
   * allotment ends when that period would start on or after the end date.
   */
  void moveTo(int index, Instant now) {
    nextPeriod = index;
    if (withinEnd(index)) {
      nextPeriodDate = periodStart(index).toString();
    } else {
      status = AllotmentStatus.ENDED;
      nextPeriodDate = null;
    }
    updatedAt = Micros.of(now);
  }

  void status(AllotmentStatus status, Actor actor, Instant now) {
    this.status = status;
    if (status == AllotmentStatus.CANCELLED) {
      nextPeriodDate = null;
    }
    changed(actor, now);
  }

  private void changed(Actor actor, Instant now) {
    this.changedByType = actor.type();
    this.changedById = actor.id();
    this.changedByName = actor.name();
    this.updatedAt = Micros.of(now);
  }
}
