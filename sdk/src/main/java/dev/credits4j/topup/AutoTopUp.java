package dev.credits4j.topup;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ActorType;
import dev.credits4j.api.AutoTopUpStatus;
import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** An organization's auto top-up rule; changed only under the lock of its wallet. */
@Entity
@Table(name = "credits_auto_top_up")
class AutoTopUp {
  @Id
  @Column(name = "wallet_id", length = 36)
  private String walletId;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  private String workspaceKey;

  @Column(name = "organization_id", nullable = false, length = 128, updatable = false)
  private String organizationId;

  @Column(name = "threshold", nullable = false, precision = 19, scale = 4)
  private BigDecimal threshold;

  @Column(name = "package_id", length = 36)
  private String packageId;

  @Column(name = "target_balance", precision = 19, scale = 4)
  private BigDecimal targetBalance;

  @Column(name = "max_per_day", nullable = false)
  private int maxPerDay;

  @Column(name = "gateway", nullable = false, length = 64)
  private String gateway;

  @Column(name = "max_declines", nullable = false)
  private int maxDeclines;

  @Column(name = "consecutive_declines", nullable = false)
  private int consecutiveDeclines;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 10)
  private AutoTopUpStatus status;

  @Column(name = "paused_reason", length = 500)
  private String pausedReason;

  @Column(name = "stripe_customer", length = 255)
  private String customer;

  @Column(name = "stripe_payment_method", length = 255)
  private String paymentMethod;

  @Enumerated(EnumType.STRING)
  @Column(name = "changed_by_type", nullable = false, length = 10)
  private ActorType changedByType;

  @Column(name = "changed_by_id", nullable = false, length = 128)
  private String changedById;

  @Column(name = "changed_by_name", nullable = false, length = 200)
  private String changedByName;

  @Column(name = "created_at", nullable = false, updatable = false)
  private long createdAt;

  @Column(name = "updated_at", nullable = false)
  private long updatedAt;

  protected AutoTopUp() {}

  AutoTopUp(String walletId, String workspaceKey, String organizationId, Instant now) {
    this.walletId = walletId;
    this.workspaceKey = workspaceKey;
    this.organizationId = organizationId;
    this.createdAt = Micros.of(now);
  }

  /** Replaces the rule's terms; it becomes ACTIVE with no declines counted. */
  void define(
      BigDecimal threshold,
      String packageId,
      BigDecimal targetBalance,
      int maxPerDay,
      String gateway,
      int maxDeclines,
      Actor actor,
      Instant now) {
    this.threshold = threshold;
    this.packageId = packageId;
    this.targetBalance = targetBalance;
    this.maxPerDay = maxPerDay;
    this.gateway = gateway;
    this.maxDeclines = maxDeclines;
    activate(actor, now);
  }

  void activate(Actor actor, Instant now) {
    this.status = AutoTopUpStatus.ACTIVE;
    this.pausedReason = null;
    this.consecutiveDeclines = 0;
    changed(actor, now);
  }

  void pause(String reason, Actor actor, Instant now) {
    this.status = AutoTopUpStatus.PAUSED;
    this.pausedReason = reason;
    changed(actor, now);
  }

  /** Counts a declined payment; true when it pauses the rule. */
  boolean declined(Actor actor, Instant now) {
    consecutiveDeclines++;
    if (consecutiveDeclines >= maxDeclines && status == AutoTopUpStatus.ACTIVE) {
      pause(consecutiveDeclines + " declined payments in a row", actor, now);
      return true;
    }
    return false;
  }

  void succeeded() {
    consecutiveDeclines = 0;
  }

  void savePaymentMethod(String customer, String paymentMethod, Actor actor, Instant now) {
    this.customer = customer;
    this.paymentMethod = paymentMethod;
    changed(actor, now);
  }

  void saveCustomer(String customer) {
    this.customer = customer;
  }

  private void changed(Actor actor, Instant now) {
    this.changedByType = actor.type();
    this.changedById = actor.id();
    this.changedByName = actor.name();
    this.updatedAt = Micros.of(now);
  }

  boolean isActive() {
    return status == AutoTopUpStatus.ACTIVE;
  }

  String getWalletId() {
    return walletId;
  }

  String getWorkspaceKey() {
    return workspaceKey;
  }

  String getOrganizationId() {
    return organizationId;
  }

  BigDecimal getThreshold() {
    return threshold;
  }

  String getPackageId() {
    return packageId;
  }

  BigDecimal getTargetBalance() {
    return targetBalance;
  }

  int getMaxPerDay() {
    return maxPerDay;
  }

  String getGateway() {
    return gateway;
  }

  int getMaxDeclines() {
    return maxDeclines;
  }

  int getConsecutiveDeclines() {
    return consecutiveDeclines;
  }

  AutoTopUpStatus getStatus() {
    return status;
  }

  String getPausedReason() {
    return pausedReason;
  }

  String getCustomer() {
    return customer;
  }

  String getPaymentMethod() {
    return paymentMethod;
  }

  Actor getChangedBy() {
    return new Actor(changedByType, changedById, changedByName);
  }

  Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  Instant getUpdatedAt() {
    return Micros.toInstant(updatedAt);
  }
}
