package dev.credits4j.purchase;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ActorType;
import dev.credits4j.api.RefundStatus;
import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One refund of a purchase; see {@link dev.credits4j.api.PurchaseRefundView}. */
@Entity
@Table(name = "credits_purchase_refund")
class PurchaseRefund {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "purchase_id", nullable = false, length = 36, updatable = false)
  private String purchaseId;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @Column(name = "credits", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal credits;

  @Column(name = "amount", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal amount;

  @Column(name = "currency", nullable = false, length = 3, updatable = false)
  private String currency;

  @Column(name = "entry_id", nullable = false, length = 36, updatable = false)
  private String entryId;

  @Column(name = "sent", nullable = false)
  private boolean sent;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 10)
  private RefundStatus status;

  @Column(name = "attempts", nullable = false)
  private int attempts;

  @Column(name = "gateway_reference", length = 255)
  private String gatewayReference;

  @Column(name = "failure_reason", length = 500)
  private String failureReason;

  @Enumerated(EnumType.STRING)
  @Column(name = "actor_type", nullable = false, length = 10, updatable = false)
  private ActorType actorType;

  @Column(name = "actor_id", nullable = false, length = 128, updatable = false)
  private String actorId;

  @Column(name = "actor_name", nullable = false, length = 200, updatable = false)
  private String actorName;

  @Column(name = "requested_credits", precision = 19, scale = 4, updatable = false)
  private BigDecimal requestedCredits;

  @Column(name = "idempotency_key", length = 128, updatable = false)
  private String idempotencyKey;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Long createdAt;

  @Column(name = "updated_at", nullable = false)
  private Long updatedAt;

  protected PurchaseRefund() {}

  PurchaseRefund(
      String id,
      Purchase purchase,
      BigDecimal credits,
      BigDecimal amount,
      String entryId,
      Actor actor,
      BigDecimal requestedCredits,
      String idempotencyKey,
      Instant now) {
    this.id = id;
    this.purchaseId = purchase.getId();
    this.walletId = purchase.getWalletId();
    this.credits = credits;
    this.amount = amount;
    this.currency = purchase.getCurrency();
    this.entryId = entryId;
    this.actorType = actor.type();
    this.actorId = actor.id();
    this.actorName = actor.name();
    this.requestedCredits = requestedCredits;
    this.idempotencyKey = idempotencyKey;
    this.status = RefundStatus.PENDING;
    this.createdAt = Micros.of(now);
    this.updatedAt = this.createdAt;
  }

  RefundStatus getStatus() {
    return status;
  }

  int getAttempts() {
    return attempts;
  }

  String getWalletId() {
    return walletId;
  }

  String getId() {
    return id;
  }

  String getPurchaseId() {
    return purchaseId;
  }

  BigDecimal getCredits() {
    return credits;
  }

  BigDecimal getAmount() {
    return amount;
  }

  String getCurrency() {
    return currency;
  }

  String getEntryId() {
    return entryId;
  }

  boolean isSent() {
    return sent;
  }

  String getGatewayReference() {
    return gatewayReference;
  }

  String getFailureReason() {
    return failureReason;
  }

  Actor getActor() {
    return new Actor(actorType, actorId, actorName);
  }

  BigDecimal getRequestedCredits() {
    return requestedCredits;
  }

  String getIdempotencyKey() {
    return idempotencyKey;
  }

  Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  void sent(String reference, Instant now) {
    this.sent = true;
    this.status = RefundStatus.SENT;
    this.attempts++;
    this.gatewayReference = reference;
    this.failureReason = null;
    this.updatedAt = Micros.of(now);
  }

  void notSent(String reason, Instant now) {
    this.attempts++;
    this.failureReason = reason == null ? "the gateway refused the refund" : truncate(reason);
    this.updatedAt = Micros.of(now);
  }

  /** Staff gave up on it: never sent again; the money is owed outside the gateway. */
  void failed(String reason, Instant now) {
    this.status = RefundStatus.FAILED;
    this.failureReason = truncate(reason);
    this.updatedAt = Micros.of(now);
  }

  private static String truncate(String text) {
    return text.length() > 500 ? text.substring(0, 500) : text;
  }
}
