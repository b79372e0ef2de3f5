package dev.credits4j.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a webhook event reports, by its wire name ({@code purchase.credited}, ...). An endpoint
 * subscribes to a set of these. The list grows: a receiver ignores types it does not know, and an
 * endpoint receives only the types it subscribed to, so a new type never reaches an endpoint
 * unasked.
 *
 * <p>Each type comes from one {@link NotificationType} of the transactional outbox; types whose
 * source is {@code null} are reserved names the SDK does not emit yet (see docs/webhooks.md).
 */
public enum WebhookEventType {
  PURCHASE_CREDITED("purchase.credited", NotificationType.PURCHASE_CONFIRMATION),
  PURCHASE_REFUNDED("purchase.refunded", NotificationType.REFUND),
  PURCHASE_FAILED("purchase.failed", NotificationType.PURCHASE_FAILED),
  REQUEST_CREATED("request.created", NotificationType.REQUEST_CREATED),
  REQUEST_DELIVERED("request.delivered", NotificationType.REQUEST_DELIVERED),
  REQUEST_CANCELED("request.canceled", NotificationType.REQUEST_CANCELED),
  BALANCE_LOW("balance.low", NotificationType.LOW_BALANCE),
  CREDITS_EXPIRING_SOON("credits.expiring_soon", NotificationType.EXPIRING_SOON),
  CREDITS_EXPIRED("credits.expired", NotificationType.EXPIRED),
  ALLOTMENT_GRANTED("allotment.granted", NotificationType.ALLOTMENT_GRANTED),
  HOLD_EXPIRED("hold.expired", NotificationType.HOLD_EXPIRED),
  WEBHOOK_ENDPOINT_DISABLED(
      "webhook_endpoint.disabled", NotificationType.WEBHOOK_ENDPOINT_DISABLED),
  AUTO_TOP_UP_SUCCEEDED("auto_top_up.succeeded", NotificationType.AUTO_TOP_UP_SUCCEEDED),
  AUTO_TOP_UP_FAILED("auto_top_up.failed", NotificationType.AUTO_TOP_UP_FAILED),
  AUTO_TOP_UP_PAUSED("auto_top_up.paused", NotificationType.AUTO_TOP_UP_PAUSED),
  PURCHASE_REMINDER("purchase.reminder", NotificationType.PURCHASE_REMINDER),
  SUBSCRIPTION_CHARGED("subscription.charged", NotificationType.SUBSCRIPTION_CHARGED),
  SUBSCRIPTION_PAUSED("subscription.paused", NotificationType.SUBSCRIPTION_PAUSED),
  PROMOTION_ANNOUNCED("promotion.announced", NotificationType.PROMOTION_ANNOUNCED),
  STATEMENT_ISSUED("statement.issued", NotificationType.STATEMENT_ISSUED);

  private final String wireName;
  private final NotificationType source;

  WebhookEventType(String wireName, NotificationType source) {
    this.wireName = wireName;
    this.source = source;
  }

  /** The name in the event's {@code type} field and in an endpoint's subscription. */
  public String wireName() {
    return wireName;
  }

  /** The outbox notification it is made from; empty while the SDK does not emit it. */
  public Optional<NotificationType> source() {
    return Optional.ofNullable(source);
  }

  /** The event type a notification is delivered as, if webhooks carry it. */
  public static Optional<WebhookEventType> of(NotificationType type) {
    return Arrays.stream(values()).filter(t -> t.source == type).findFirst();
  }

  /** The type named {@code wireName}, if there is one. */
  public static Optional<WebhookEventType> byWireName(String wireName) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
  }
}
