package dev.credits4j.ledger;

import dev.credits4j.api.ActorType;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.References;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** Credits reserved against lots until captured, released or expired. */
@Entity
@Table(name = "credits_hold")
class Hold {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "wallet_id", nullable = false, length = 36)
  private String walletId;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 10)
  private HoldStatus status;

  @Column(name = "amount", nullable = false, precision = 19, scale = 4)
  private BigDecimal amount;

  @Column(name = "captured", nullable = false, precision = 19, scale = 4)
  private BigDecimal captured;

  @Column(name = "created_at", nullable = false)
  private Long createdAt;

  @Column(name = "expires_at", nullable = false)
  private Long expiresAt;

  @Column(name = "settled_at")
  private Long settledAt;

  @Column(name = "description", length = 500)
  private String description;

  @Column(name = "package_id", length = 64)
  private String packageId;

  @Column(name = "purchase_id", length = 64)
  private String purchaseId;

  @Column(name = "offering_id", length = 64)
  private String offeringId;

  @Column(name = "request_id", length = 64)
  private String requestId;

  @Enumerated(EnumType.STRING)
  @Column(name = "actor_type", nullable = false, length = 10)
  private ActorType actorType;

  @Column(name = "actor_id", nullable = false, length = 128)
  private String actorId;

  @Column(name = "actor_name", nullable = false, length = 200)
  private String actorName;

  @Column(name = "capture_entry_id", length = 36)
  private String captureEntryId;

  protected Hold() {}

  Hold(
      String id,
      String walletId,
      BigDecimal amount,
      Instant createdAt,
      Instant expiresAt,
      String description,
      dev.credits4j.api.References refs,
      dev.credits4j.api.Actor actor) {
    this.id = id;
    this.walletId = walletId;
    this.status = HoldStatus.ACTIVE;
    this.amount = amount;
    this.captured = CreditAmounts.ZERO;
    this.createdAt = Micros.of(createdAt);
    this.expiresAt = Micros.of(expiresAt);
    this.description = description;
    this.packageId = refs.packageId();
    this.purchaseId = refs.purchaseId();
    this.offeringId = refs.offeringId();
    this.requestId = refs.requestId();
    this.actorType = actor.type();
    this.actorId = actor.id();
    this.actorName = actor.name();
  }

  public String getId() {
    return id;
  }

  public String getWalletId() {
    return walletId;
  }

  public HoldStatus getStatus() {
    return status;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public BigDecimal getCaptured() {
    return captured;
  }

  public Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  public Instant getExpiresAt() {
    return Micros.toInstant(expiresAt);
  }

  public Instant getSettledAt() {
    return Micros.toInstant(settledAt);
  }

  public String getDescription() {
    return description;
  }

  public String getPackageId() {
    return packageId;
  }

  public String getPurchaseId() {
    return purchaseId;
  }

  public String getOfferingId() {
    return offeringId;
  }

  public String getRequestId() {
    return requestId;
  }

  public String getCaptureEntryId() {
    return captureEntryId;
  }

  /** What the hold was placed for; its capture's entry carries the same references. */
  References references() {
    return new References(packageId, purchaseId, offeringId, requestId);
  }

  /** Whether the hold's timeout has passed at {@code now}: it can then only expire. */
  boolean isPastTimeout(Instant now) {
    return !now.isBefore(getExpiresAt());
  }

  /** Fails with {@link ErrorCode#HOLD_NOT_ACTIVE} unless the hold is still active. */
  void requireActive() {
    if (status != HoldStatus.ACTIVE) {
      throw new CreditsException(
          ErrorCode.HOLD_NOT_ACTIVE, "hold " + id + " is " + status + ", not ACTIVE");
    }
  }

  /**
   * Fails unless the hold can be captured at {@code now}: it must be active ({@link
   * #requireActive}) and not past its timeout ({@link ErrorCode#HOLD_EXPIRED}).
   */
  void requireCapturable(Instant now) {
    requireActive();
    if (isPastTimeout(now)) {
      throw new CreditsException(
          ErrorCode.HOLD_EXPIRED,
          "hold " + id + " timed out at " + getExpiresAt() + " and can no longer be captured");
    }
  }

  void settle(HoldStatus status, BigDecimal captured, String captureEntryId, Instant now) {
    this.status = status;
    this.captured = captured;
    this.captureEntryId = captureEntryId;
    this.settledAt = Micros.of(now);
  }
}
