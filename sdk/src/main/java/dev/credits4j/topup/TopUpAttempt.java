package dev.credits4j.topup;

import dev.credits4j.api.AutoTopUpAttemptStatus;
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
 * One auto top-up attempt. A STARTED attempt holds a lease ({@code leaseUntil}): the node that
 * started it drives it to a purchase and a payment; once the lease lapses (that node died) the job
 * of any node claims it again, and the idempotency keys of the purchase and the payment make the
 * second drive charge nothing twice.
 */
@Entity
@Table(name = "credits_auto_top_up_attempt")
class TopUpAttempt {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  private String workspaceKey;

  @Column(name = "organization_id", nullable = false, length = 128, updatable = false)
  private String organizationId;

  @Column(name = "triggered_at", nullable = false, updatable = false)
  private long triggeredAt;

  @Column(name = "entry_id", length = 36, updatable = false)
  private String entryId;

  @Column(name = "available", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal available;

  @Column(name = "local_day", nullable = false, length = 10, updatable = false)
  private String localDay;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 10)
  private AutoTopUpAttemptStatus status;

  @Column(name = "gateway", nullable = false, length = 64, updatable = false)
  private String gateway;

  @Column(name = "package_id", length = 36)
  private String packageId;

  @Column(name = "purchase_id", length = 36)
  private String purchaseId;

  @Column(name = "detail", length = 500)
  private String detail;

  @Column(name = "lease_until")
  private Long leaseUntil;

  @Column(name = "created_at", nullable = false, updatable = false)
  private long createdAt;

  @Column(name = "finished_at")
  private Long finishedAt;

  protected TopUpAttempt() {}

  TopUpAttempt(
      String id,
      String walletId,
      String workspaceKey,
      String organizationId,
      Instant triggeredAt,
      String entryId,
      BigDecimal available,
      LocalDate day,
      String gateway,
      Instant now) {
    this.id = id;
    this.walletId = walletId;
    this.workspaceKey = workspaceKey;
    this.organizationId = organizationId;
    this.triggeredAt = Micros.of(triggeredAt);
    this.entryId = entryId;
    this.available = available;
    this.localDay = day.toString();
    this.gateway = gateway;
    this.createdAt = Micros.of(now);
  }

  void start(String packageId, Instant leaseUntil) {
    this.status = AutoTopUpAttemptStatus.STARTED;
    this.packageId = packageId;
    this.leaseUntil = Micros.of(leaseUntil);
  }

  void purchase(String purchaseId, String packageId) {
    this.purchaseId = purchaseId;
    this.packageId = packageId;
  }

  /** Gives up the lease: the purchase now settles by itself (a webhook, a confirmation). */
  void awaitSettlement(String detail) {
    this.leaseUntil = null;
    this.detail = truncate(detail);
  }

  void finish(AutoTopUpAttemptStatus status, String detail, Instant now) {
    this.status = status;
    this.detail = truncate(detail);
    this.leaseUntil = null;
    this.finishedAt = Micros.of(now);
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 500);
  }

  String getId() {
    return id;
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

  Instant getTriggeredAt() {
    return Micros.toInstant(triggeredAt);
  }

  String getEntryId() {
    return entryId;
  }

  BigDecimal getAvailable() {
    return available;
  }

  LocalDate getDay() {
    return LocalDate.parse(localDay);
  }

  AutoTopUpAttemptStatus getStatus() {
    return status;
  }

  String getGateway() {
    return gateway;
  }

  String getPackageId() {
    return packageId;
  }

  String getPurchaseId() {
    return purchaseId;
  }

  String getDetail() {
    return detail;
  }

  Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  Instant getFinishedAt() {
    return finishedAt == null ? null : Micros.toInstant(finishedAt);
  }
}
