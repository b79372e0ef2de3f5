package dev.credits4j.purchase.stripe;

import dev.credits4j.internal.Fingerprint;
import dev.credits4j.internal.IdempotencyKeys;
import jakarta.persistence.EntityManager;

/**
 * Stripe's event ids as idempotency keys: the primary key of {@code credits_stripe_event}, unique
 * on their own (no scope). An event's request is its type (Stripe never reuses an id, and the body
 * is signed, so a stored id with another type is not a redelivery).
 */
enum StripeEventKeys implements IdempotencyKeys<HandledStripeEvent> {
  KEYS;

  static final String OPERATION = "stripe-event";

  /** The most of an event's type {@code credits_stripe_event} keeps. */
  static final int TYPE_MAX = 100;

  /** The fingerprint of an event of {@code type}. */
  static String fingerprint(String type) {
    return Fingerprint.of(OPERATION).add(storedType(type)).hex();
  }

  /** The event's type as its row keeps it. */
  static String storedType(String type) {
    return type.length() <= TYPE_MAX ? type : type.substring(0, TYPE_MAX);
  }

  @Override
  public HandledStripeEvent find(EntityManager em, String scope, String eventId) {
    return em.find(HandledStripeEvent.class, eventId);
  }

  @Override
  public String fingerprint(HandledStripeEvent e) {
    return fingerprint(e.getEventType());
  }

  @Override
  public String operation(HandledStripeEvent e) {
    return e.getEventType();
  }

  @Override
  public String where() {
    return "as a Stripe event id";
  }
}
