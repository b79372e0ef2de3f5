package dev.credits4j.webhook;

import dev.credits4j.api.WebhookDeliveryStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One event for one endpoint: its fixed body (so every attempt and replay sends the same bytes),
 * where its delivery stands and how the last attempt went. Dispatchers change it with conditional
 * bulk updates on their claim token only; see {@link DefaultWebhooks}.
 */
@Entity
@Table(name = "credits_webhook_delivery")
class DeliveryRow {
  @Id
  @Column(name = "id", length = 36)
  String id;

  @Column(name = "endpoint_id", nullable = false, length = 36, updatable = false)
  String endpointId;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  String workspaceKey;

  @Column(name = "event_id", nullable = false, length = 36, updatable = false)
  String eventId;

  @Column(name = "event_type", nullable = false, length = 64, updatable = false)
  String eventType;

  @Column(name = "payload", nullable = false, length = 8000, updatable = false)
  String payload;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 16)
  WebhookDeliveryStatus status;

  @Column(name = "attempts", nullable = false)
  int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  Long nextAttemptAt;

  @Column(name = "claim_token", length = 36)
  String claimToken;

  @Column(name = "claimed_until")
  Long claimedUntil;

  @Column(name = "last_attempt_at")
  Long lastAttemptAt;

  @Column(name = "last_status_code")
  Integer lastStatusCode;

  @Column(name = "last_latency_ms")
  Long lastLatencyMillis;

  @Column(name = "last_error", length = 1000)
  String lastError;

  @Column(name = "delivered_at")
  Long deliveredAt;

  @Column(name = "created_at", nullable = false, updatable = false)
  Long createdAt;

  /** For JPA. */
  protected DeliveryRow() {}
}
