package dev.credits4j.purchase;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ActorType;
import dev.credits4j.api.LedgerKeys;
import dev.credits4j.api.PackageRollover;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.internal.Micros;
import dev.credits4j.internal.Seals;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An organization's purchase of a package, with a snapshot of the package as bought; see {@link
 * dev.credits4j.api.PurchaseView}. Changed only under the lock of its wallet.
 */
@Entity
@Table(name = "credits_purchase")
class Purchase {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  private String workspaceKey;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @Column(name = "package_id", nullable = false, length = 36, updatable = false)
  private String packageId;

  @Column(name = "package_name", nullable = false, length = 200, updatable = false)
  private String packageName;

  @Column(name = "credits", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal credits;

  @Column(name = "bonus_credits", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal bonusCredits;

  @Column(name = "price", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal price;

  @Column(name = "currency", nullable = false, length = 3, updatable = false)
  private String currency;

  @Column(name = "cost_basis", nullable = false, precision = 24, scale = 10, updatable = false)
  private BigDecimal costBasis;

  @Column(name = "expiry_days", updatable = false)
  private Integer expiryDays;

  @Column(name = "rollover_enabled", updatable = false)
  private Boolean rolloverEnabled;

  @Column(name = "rollover_cap_credits", precision = 19, scale = 4, updatable = false)
  private BigDecimal rolloverCapCredits;

  @Column(name = "rollover_cap_percent", updatable = false)
  private Integer rolloverCapPercent;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 20)
  private PurchaseStatus status;

  @Column(name = "gateway", nullable = false, length = 64, updatable = false)
  private String gateway;

  @Column(name = "gateway_reference", length = 255)
  private String gatewayReference;

  @Column(name = "failure_reason", length = 500)
  private String failureReason;

  @Enumerated(EnumType.STRING)
  @Column(name = "created_by_type", nullable = false, length = 10, updatable = false)
  private ActorType createdByType;

  @Column(name = "created_by_id", nullable = false, length = 128, updatable = false)
  private String createdById;

  @Column(name = "created_by_name", nullable = false, length = 200, updatable = false)
  private String createdByName;

  @Enumerated(EnumType.STRING)
  @Column(name = "confirmed_by_type", length = 10)
  private ActorType confirmedByType;

  @Column(name = "confirmed_by_id", length = 128)
  private String confirmedById;

  @Column(name = "confirmed_by_name", length = 200)
  private String confirmedByName;

  @Column(name = "amount_paid", precision = 19, scale = 4)
  private BigDecimal amountPaid;

  @Column(name = "credits_refunded", nullable = false, precision = 19, scale = 4)
  private BigDecimal creditsRefunded;

  @Column(name = "amount_refunded", nullable = false, precision = 19, scale = 4)
  private BigDecimal amountRefunded;

  @Column(name = "lot_id", length = 36)
  private String lotId;

  @Column(name = "credit_entry_id", length = 36)
  private String creditEntryId;

  @Column(name = "idempotency_key", length = 128, updatable = false)
  private String idempotencyKey;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Long createdAt;

  @Column(name = "paid_at")
  private Long paidAt;

  @Column(name = "credited_at")
  private Long creditedAt;

  @Column(name = "updated_at", nullable = false)
  private Long updatedAt;

  /** HMAC over the immutable columns ({@link Seals#purchaseMessage}); null: unsealed. */
  @Column(name = "seal", length = 64, updatable = false)
  private String seal;

  @Column(name = "seal_key_id", length = 32, updatable = false)
  private String sealKeyId;

  protected Purchase() {}

  /** Seals the immutable columns with the current ledger key, if any; before it is persisted. */
  void seal(LedgerKeys keys) {
    keys.currentKeyId()
        .ifPresent(
            keyId -> {
              this.sealKeyId = keyId;
              this.seal =
                  Seals.seal(
                      keys,
                      keyId,
                      Seals.purchaseMessage(
                          id,
                          workspaceKey,
                          walletId,
                          packageId,
                          credits,
                          bonusCredits,
                          price,
                          currency,
                          costBasis,
                          expiryDays,
                          createdByType,
                          createdById,
                          idempotencyKey,
                          createdAt));
            });
  }

  Purchase(
      String id,
      String workspaceKey,
      String walletId,
      String packageId,
      String packageName,
      BigDecimal credits,
      BigDecimal bonusCredits,
      BigDecimal price,
      String currency,
      BigDecimal costBasis,
      Integer expiryDays,
      PackageRollover rollover,
      String gateway,
      Actor createdBy,
      String idempotencyKey,
      Instant now) {
    this.id = id;
    this.workspaceKey = workspaceKey;
    this.walletId = walletId;
    this.packageId = packageId;
    this.packageName = packageName;
    this.credits = credits;
    this.bonusCredits = bonusCredits;
    this.price = price;
    this.currency = currency;
    this.costBasis = costBasis;
    this.expiryDays = expiryDays;
    this.rolloverEnabled = rollover == null ? null : rollover.enabled();
    this.rolloverCapCredits = rollover == null ? null : rollover.capCredits();
    this.rolloverCapPercent = rollover == null ? null : rollover.capPercent();
    this.status = PurchaseStatus.PENDING;
    this.gateway = gateway;
    this.createdByType = createdBy.type();
    this.createdById = createdBy.id();
    this.createdByName = createdBy.name();
    this.creditsRefunded = BigDecimal.ZERO;
    this.amountRefunded = BigDecimal.ZERO;
    this.idempotencyKey = idempotencyKey;
    this.createdAt = Micros.of(now);
    this.updatedAt = this.createdAt;
  }

  String getId() {
    return id;
  }

  String getWorkspaceKey() {
    return workspaceKey;
  }

  String getWalletId() {
    return walletId;
  }

  String getPackageId() {
    return packageId;
  }

  String getPackageName() {
    return packageName;
  }

  BigDecimal getCredits() {
    return credits;
  }

  BigDecimal getBonusCredits() {
    return bonusCredits;
  }

  BigDecimal getTotalCredits() {
    return credits.add(bonusCredits);
  }

  BigDecimal getPrice() {
    return price;
  }

  String getCurrency() {
    return currency;
  }

  BigDecimal getCostBasis() {
    return costBasis;
  }

  Integer getExpiryDays() {
    return expiryDays;
  }

  /** The package's own rollover rule as bought; null: the workspace's settings apply. */
  PackageRollover getRollover() {
    return rolloverEnabled == null
        ? null
        : new PackageRollover(rolloverEnabled, rolloverCapCredits, rolloverCapPercent);
  }

  PurchaseStatus getStatus() {
    return status;
  }

  String getGateway() {
    return gateway;
  }

  String getGatewayReference() {
    return gatewayReference;
  }

  String getFailureReason() {
    return failureReason;
  }

  Actor getCreatedBy() {
    return new Actor(createdByType, createdById, createdByName);
  }

  Actor getConfirmedBy() {
    return confirmedByType == null
        ? null
        : new Actor(confirmedByType, confirmedById, confirmedByName);
  }

  BigDecimal getAmountPaid() {
    return amountPaid;
  }

  BigDecimal getCreditsRefunded() {
    return creditsRefunded;
  }

  BigDecimal getAmountRefunded() {
    return amountRefunded;
  }

  String getLotId() {
    return lotId;
  }

  String getCreditEntryId() {
    return creditEntryId;
  }

  String getIdempotencyKey() {
    return idempotencyKey;
  }

  Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  /** Creation time in microseconds, as stored (for keyset paging). */
  Long getCreatedAtMicros() {
    return createdAt;
  }

  Instant getPaidAt() {
    return Micros.toInstant(paidAt);
  }

  Instant getCreditedAt() {
    return Micros.toInstant(creditedAt);
  }

  Instant getUpdatedAt() {
    return Micros.toInstant(updatedAt);
  }

  void awaitPayment(String reference, Instant now) {
    this.gatewayReference = reference;
    this.updatedAt = Micros.of(now);
  }

  void paid(String reference, BigDecimal amount, Actor confirmedBy, Instant now) {
    this.status = PurchaseStatus.PAID;
    if (reference != null) {
      this.gatewayReference = reference;
    }
    this.failureReason = null;
    this.amountPaid = amount;
    this.confirmedByType = confirmedBy.type();
    this.confirmedById = confirmedBy.id();
    this.confirmedByName = confirmedBy.name();
    this.paidAt = Micros.of(now);
    this.updatedAt = this.paidAt;
  }

  void credited(String lotId, String entryId, Instant now) {
    this.status = PurchaseStatus.CREDITED;
    this.lotId = lotId;
    this.creditEntryId = entryId;
    this.creditedAt = Micros.of(now);
    this.updatedAt = this.creditedAt;
  }

  void failed(String reason, Instant now) {
    this.status = PurchaseStatus.FAILED;
    this.failureReason = reason;
    this.updatedAt = Micros.of(now);
  }

  void canceled(Instant now) {
    this.status = PurchaseStatus.CANCELED;
    this.updatedAt = Micros.of(now);
  }

  void refunded(BigDecimal credits, BigDecimal amount, boolean lotEmpty, Instant now) {
    this.creditsRefunded = this.creditsRefunded.add(credits);
    this.amountRefunded = this.amountRefunded.add(amount);
    this.status = lotEmpty ? PurchaseStatus.REFUNDED : PurchaseStatus.PARTIALLY_REFUNDED;
    this.updatedAt = Micros.of(now);
  }
}
