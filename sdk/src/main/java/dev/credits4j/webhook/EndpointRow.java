package dev.credits4j.webhook;

import dev.credits4j.api.WebhookEndpointStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A webhook endpoint. The secret is kept as issued because signing needs it; the API never returns
 * it after creation or rotation. Changes go through conditional bulk updates.
 */
@Entity
@Table(name = "credits_webhook_endpoint")
class EndpointRow {
  @Id
  @Column(name = "id", length = 36)
  String id;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  String workspaceKey;

  @Column(name = "url", nullable = false, length = 2000)
  String url;

  /** Wire names, comma-separated, sorted. */
  @Column(name = "event_types", nullable = false, length = 1000)
  String eventTypes;

  @Column(name = "description", length = 200)
  String description;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 16)
  WebhookEndpointStatus status;

  @Column(name = "secret", nullable = false, length = 100)
  String secret;

  @Column(name = "previous_secret", length = 100)
  String previousSecret;

  @Column(name = "previous_secret_until")
  Long previousSecretUntil;

  @Column(name = "failing_since")
  Long failingSince;

  @Column(name = "disabled_at")
  Long disabledAt;

  @Column(name = "disabled_reason", length = 1000)
  String disabledReason;

  @Column(name = "created_at", nullable = false, updatable = false)
  Long createdAt;

  @Column(name = "updated_at", nullable = false)
  Long updatedAt;

  /** For JPA. */
  protected EndpointRow() {}
}
