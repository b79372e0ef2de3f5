package dev.credits4j.purchase.stripe;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A Stripe event id handled once, and what became of it (a {@link StripeWebhooks.Outcome}). Written
 * by {@link StripeWebhooks}; holds no Stripe type.
 */
@Entity
@Table(name = "credits_stripe_event")
class HandledStripeEvent {
  @Id
  @Column(name = "event_id", length = 255)
  private String eventId;

  @Column(name = "event_type", nullable = false, length = 100, updatable = false)
  private String eventType;

  @Column(name = "purchase_id", length = 36, updatable = false)
  private String purchaseId;

  @Column(name = "outcome", nullable = false, length = 20, updatable = false)
  private String outcome;

  @Column(name = "detail", length = 500, updatable = false)
  private String detail;

  @Column(name = "received_at", nullable = false, updatable = false)
  private Long receivedAt;

  /** For JPA. */
  protected HandledStripeEvent() {}

  public String getEventId() {
    return eventId;
  }

  public String getEventType() {
    return eventType;
  }

  public String getPurchaseId() {
    return purchaseId;
  }

  public String getOutcome() {
    return outcome;
  }

  public String getDetail() {
    return detail;
  }

  public Long getReceivedAt() {
    return receivedAt;
  }
}
