package dev.credits4j.allotment;

import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One period an allotment granted. Unique per (allotment, period start), so a period can never be
 * granted twice; never updated.
 */
@Entity
@Table(name = "credits_allotment_grant")
class AllotmentGrant {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "allotment_id", nullable = false, length = 36, updatable = false)
  private String allotmentId;

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

  @Column(name = "lot_id", nullable = false, length = 36, updatable = false)
  private String lotId;

  @Column(name = "expires_at", updatable = false)
  private Long expiresAt;

  @Column(name = "granted_at", nullable = false, updatable = false)
  private Long grantedAt;

  protected AllotmentGrant() {}

  AllotmentGrant(
      String id,
      Allotment allotment,
      int periodIndex,
      LocalDate periodStart,
      LocalDate periodEnd,
      Instant startsAt,
      Instant endsAt,
      String entryId,
      String lotId,
      Instant expiresAt,
      Instant grantedAt) {
    this.id = id;
    this.allotmentId = allotment.getId();
    this.walletId = allotment.getWalletId();
    this.periodIndex = periodIndex;
    this.periodStart = periodStart.toString();
    this.periodEnd = periodEnd.toString();
    this.startsAt = Micros.of(startsAt);
    this.endsAt = Micros.of(endsAt);
    this.credits = allotment.getCredits();
    this.entryId = entryId;
    this.lotId = lotId;
    this.expiresAt = Micros.of(expiresAt);
    this.grantedAt = Micros.of(grantedAt);
  }

  public String getId() {
    return id;
  }

  public String getAllotmentId() {
    return allotmentId;
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

  public String getLotId() {
    return lotId;
  }

  public Instant getExpiresAt() {
    return Micros.toInstant(expiresAt);
  }

  public Instant getGrantedAt() {
    return Micros.toInstant(grantedAt);
  }
}
