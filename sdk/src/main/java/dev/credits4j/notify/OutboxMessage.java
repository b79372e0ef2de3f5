package dev.credits4j.notify;

import dev.credits4j.api.NotificationStatus;
import dev.credits4j.api.NotificationType;
import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One notification in the transactional outbox: what it says (written once, with the change that
 * caused it) and how its delivery goes (status, attempts, the current claim). Dispatchers change
 * the delivery columns with conditional bulk updates only; see {@link
 * DefaultNotificationDispatcher}.
 */
@Entity
@Table(name = "credits_notification")
class OutboxMessage {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Enumerated(EnumType.STRING)
  @Column(name = "notification_type", nullable = false, length = 32, updatable = false)
  private NotificationType type;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  private String workspaceKey;

  @Column(name = "organization_id", nullable = false, length = 128, updatable = false)
  private String organizationId;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Long occurredAt;

  @Column(name = "credits", precision = 19, scale = 4, updatable = false)
  private BigDecimal credits;

  @Column(name = "money_amount", precision = 19, scale = 4, updatable = false)
  private BigDecimal moneyAmount;

  @Column(name = "money_currency", length = 3, updatable = false)
  private String moneyCurrency;

  @Column(name = "lot_id", length = 36, updatable = false)
  private String lotId;

  @Column(name = "purchase_id", length = 64, updatable = false)
  private String purchaseId;

  @Column(name = "entry_id", length = 36, updatable = false)
  private String entryId;

  @Column(name = "expires_at", updatable = false)
  private Long expiresAt;

  @Column(name = "details", nullable = false, length = 4000, updatable = false)
  private String data;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 16)
  private NotificationStatus status;

  @Column(name = "attempts", nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private Long nextAttemptAt;

  @Column(name = "claim_token", length = 36)
  private String claimToken;

  @Column(name = "claimed_until")
  private Long claimedUntil;

  @Column(name = "last_error", length = 1000)
  private String lastError;

  @Column(name = "delivered_at")
  private Long deliveredAt;

  /** For JPA. */
  protected OutboxMessage() {}

  OutboxMessage(
      String id,
      NotificationType type,
      String workspaceKey,
      String organizationId,
      String walletId,
      Instant occurredAt,
      BigDecimal credits,
      BigDecimal moneyAmount,
      String moneyCurrency,
      String lotId,
      String purchaseId,
      String entryId,
      Instant expiresAt,
      String data) {
    this.id = id;
    this.type = type;
    this.workspaceKey = workspaceKey;
    this.organizationId = organizationId;
    this.walletId = walletId;
    this.occurredAt = Micros.of(occurredAt);
    this.credits = credits;
    this.moneyAmount = moneyAmount;
    this.moneyCurrency = moneyCurrency;
    this.lotId = lotId;
    this.purchaseId = purchaseId;
    this.entryId = entryId;
    this.expiresAt = expiresAt == null ? null : Micros.of(expiresAt);
    this.data = data;
    this.status = NotificationStatus.PENDING;
    this.attempts = 0;
    this.nextAttemptAt = this.occurredAt;
  }

  public String getId() {
    return id;
  }

  public NotificationType getType() {
    return type;
  }

  public String getWorkspaceKey() {
    return workspaceKey;
  }

  public String getOrganizationId() {
    return organizationId;
  }

  public String getWalletId() {
    return walletId;
  }

  public Instant getOccurredAt() {
    return Micros.toInstant(occurredAt);
  }

  public BigDecimal getCredits() {
    return credits;
  }

  public BigDecimal getMoneyAmount() {
    return moneyAmount;
  }

  public String getMoneyCurrency() {
    return moneyCurrency;
  }

  public String getLotId() {
    return lotId;
  }

  public String getPurchaseId() {
    return purchaseId;
  }

  public String getEntryId() {
    return entryId;
  }

  public Instant getExpiresAt() {
    return expiresAt == null ? null : Micros.toInstant(expiresAt);
  }

  public String getData() {
    return data;
  }

  public NotificationStatus getStatus() {
    return status;
  }

  public int getAttempts() {
    return attempts;
  }

  public Instant getNextAttemptAt() {
    return Micros.toInstant(nextAttemptAt);
  }

  public String getClaimToken() {
    return claimToken;
  }

  public Instant getClaimedUntil() {
    return claimedUntil == null ? null : Micros.toInstant(claimedUntil);
  }

  public String getLastError() {
    return lastError;
  }

  public Instant getDeliveredAt() {
    return deliveredAt == null ? null : Micros.toInstant(deliveredAt);
  }
}
