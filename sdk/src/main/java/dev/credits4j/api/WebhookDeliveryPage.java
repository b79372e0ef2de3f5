package dev.credits4j.api;

import java.util.List;

/** One page of an endpoint's delivery log, newest first; {@code nextCursor} null on the last. */
public record WebhookDeliveryPage(List<WebhookDelivery> items, String nextCursor) {
  public WebhookDeliveryPage {
    items = List.copyOf(items);
  }
}
