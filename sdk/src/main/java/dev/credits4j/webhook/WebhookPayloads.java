package dev.credits4j.webhook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.credits4j.api.Notification;
import dev.credits4j.api.WebhookEventType;
import java.math.BigDecimal;
import java.util.Map;

/**
 * An event's JSON body: {@code {"id", "type", "timestamp", "workspace", "data": {...}}}, the data
 * holding the notification's organization, amounts, ids and its type-specific values.
 */
final class WebhookPayloads {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private WebhookPayloads() {}

  static String body(WebhookEventType type, Notification n) {
    JsonObject data = new JsonObject();
    if (!n.wallet().organization().isEmpty()) {
      data.addProperty("organization", n.wallet().organization());
    }
    if (n.credits() != null) {
      data.addProperty("credits", plain(n.credits()));
    }
    if (n.money() != null) {
      JsonObject money = new JsonObject();
      BigDecimal amount =
          n.money()
              .getNumber()
              .numberValue(BigDecimal.class)
              .setScale(
                  Math.max(0, n.money().getCurrency().getDefaultFractionDigits()),
                  java.math.RoundingMode.HALF_EVEN);
      money.addProperty("amount", amount.toPlainString());
      money.addProperty("currency", n.money().getCurrency().getCurrencyCode());
      data.add("money", money);
    }
    if (n.lot() != null) {
      data.addProperty("lotId", n.lot().toString());
    }
    if (n.purchase() != null) {
      data.addProperty("purchaseId", n.purchase().toString());
    }
    if (n.entry() != null) {
      data.addProperty("entryId", n.entry().toString());
    }
    if (n.expiresAt() != null) {
      data.addProperty("expiresAt", n.expiresAt().toString());
    }
    for (Map.Entry<String, String> e : n.data().entrySet()) {
      if (!data.has(e.getKey())) {
        data.addProperty(e.getKey(), e.getValue());
      }
    }
    JsonObject event = new JsonObject();
    event.addProperty("id", n.id().toString());
    event.addProperty("type", type.wireName());
    event.addProperty("timestamp", n.occurredAt().toString());
    event.addProperty("workspace", n.wallet().workspace());
    event.add("data", data);
    return GSON.toJson(event);
  }

  /** Credits as a JSON number without exponent or trailing zeros. */
  private static BigDecimal plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
