package dev.credits4j.samples.portal;

import dev.credits4j.api.Notification;
import dev.credits4j.spi.Notifier;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The portal's own notifier: turns each credits4j notification into a message in the company's
 * in-app inbox. The SDK's dispatcher calls it after the change committed, outside any transaction,
 * and retries it with backoff when it throws; the inbox keys messages by notification id, so a
 * repeated delivery is harmless.
 */
public final class InboxNotifier implements Notifier {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final PortalStore store;
  private final String workspace;

  public InboxNotifier(PortalStore store, String workspace) {
    this.store = store;
    this.workspace = workspace;
  }

  @Override
  public String name() {
    return "portal-inbox";
  }

  @Override
  public void deliver(Notification n) {
    if (!n.wallet().workspace().equals(workspace)) {
      return; // another tenant's notification: not this portal's
    }
    store.deliver(n.id().toString(), n.wallet().organization(), n.type().name(), text(n));
  }

  static String text(Notification n) {
    return switch (n.type()) {
      case PURCHASE_CONFIRMATION ->
          "Thank you! " + c(n.credits()) + " credits of " + n.data().get("packageName") + " added.";
      case LOW_BALANCE ->
          "Your balance is low: "
              + c(n.credits())
              + " credits available (alert below "
              + c(new BigDecimal(n.data().get("threshold")))
              + ").";
      case EXPIRING_SOON ->
          c(n.credits()) + " credits expire on " + DAY.format(n.expiresAt()) + ": use them soon.";
      case EXPIRED -> c(n.credits()) + " unused credits expired.";
      case REFUND -> c(n.credits()) + " credits refunded for " + n.money() + ".";
      case AUTO_TOP_UP_SUCCEEDED ->
          "Automatic top-up: " + n.data().get("packageName") + " bought, credits added.";
      case AUTO_TOP_UP_FAILED -> "Automatic top-up failed: " + n.data().get("reason") + ".";
      case AUTO_TOP_UP_PAUSED ->
          "Automatic top-up paused: " + n.data().get("reason") + ". Update your card to resume.";
      case PURCHASE_REMINDER ->
          "Your top-up of "
              + n.data().get("packageName")
              + " waits for payment: "
              + n.data().get("link");
      case SUBSCRIPTION_CHARGED ->
          n.data().get("offeringName")
              + ": "
              + c(n.credits())
              + " credits charged for the period from "
              + n.data().get("periodStart")
              + ".";
      case SUBSCRIPTION_PAUSED ->
          n.data().get("offeringName")
              + " is paused: it needs "
              + c(n.credits())
              + " credits. Buy credits and resume it.";
      case PROMOTION_ANNOUNCED ->
          "New offer: "
              + n.data().get("packageName")
              + ", "
              + c(n.credits())
              + " credits for "
              + n.money()
              + ". "
              + n.data().getOrDefault("offer", "")
              + n.data().getOrDefault("message", "");
      case STATEMENT_ISSUED ->
          "Your statement for the month from "
              + n.data().get("periodStart")
              + " is ready: "
              + n.data().get("creditsUsed")
              + " credits used, "
              + c(n.credits())
              + " left at the month's end.";
      case WEBHOOK_ENDPOINT_DISABLED ->
          "A webhook endpoint was disabled: " + n.data().get("url") + ".";
      case PURCHASE_FAILED ->
          "The payment for " + n.data().get("packageName") + " failed: " + n.data().get("reason");
      case REQUEST_CREATED ->
          "Request for "
              + n.data().get("offeringName")
              + " received: "
              + c(n.credits())
              + " credits.";
      case REQUEST_DELIVERED ->
          n.data().get("offeringName") + " delivered: " + c(n.credits()) + " credits.";
      case REQUEST_CANCELED -> "Request for " + n.data().get("offeringName") + " cancelled.";
      case ALLOTMENT_GRANTED ->
          c(n.credits()) + " credits of your plan added for " + n.data().get("periodStart") + ".";
      case HOLD_EXPIRED -> "A reservation of " + c(n.credits()) + " credits was released.";
    };
  }

  private static String c(BigDecimal credits) {
    return credits.stripTrailingZeros().toPlainString();
  }
}
