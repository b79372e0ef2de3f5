package dev.credits4j.purchase.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import java.math.BigDecimal;
import java.util.Locale;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import javax.money.UnknownCurrencyException;
import org.javamoney.moneta.Money;

/**
 * A verified Stripe event read straight from its JSON, so that it does not depend on the API
 * version the account's webhook endpoint is pinned to: only fields stable across versions are read.
 */
final class StripeEvent {
  final String id;
  final String type;
  private final JsonObject object;

  private StripeEvent(String id, String type, JsonObject object) {
    this.id = id;
    this.type = type;
    this.object = object;
  }

  static StripeEvent parse(String payload) {
    try {
      JsonObject root = JsonParser.parseString(payload).getAsJsonObject();
      String id = text(root, "id");
      String type = text(root, "type");
      JsonObject data = root.getAsJsonObject("data");
      JsonObject object = data == null ? null : data.getAsJsonObject("object");
      if (id == null || type == null || object == null || id.length() > 255) {
        throw malformed("it has no id, type or data.object");
      }
      return new StripeEvent(id, type, object);
    } catch (JsonParseException | IllegalStateException | ClassCastException e) {
      throw malformed(e.getMessage());
    }
  }

  private static CreditsException malformed(String why) {
    return new CreditsException(
        ErrorCode.WEBHOOK_REJECTED, "the Stripe webhook is not a Stripe event: " + why);
  }

  /** A top-level string field of the event's object, or null. */
  String field(String name) {
    return text(object, name);
  }

  /** A field of the object's metadata, or null. */
  String metadata(String key) {
    JsonElement m = object.get("metadata");
    return m != null && m.isJsonObject() ? text(m.getAsJsonObject(), key) : null;
  }

  /** A field of a nested object (e.g. {@code last_payment_error.message}), or null. */
  String nested(String name, String field) {
    JsonElement n = object.get(name);
    return n != null && n.isJsonObject() ? text(n.getAsJsonObject(), field) : null;
  }

  /** An amount in minor units in {@code field}, in the object's {@code currency}. */
  MonetaryAmount money(String field) {
    String currency = field("currency");
    JsonElement minor = object.get(field);
    if (currency == null || minor == null || !minor.isJsonPrimitive()) {
      throw malformed("its " + type + " has no " + field + " and currency");
    }
    try {
      var unit = Monetary.getCurrency(currency.toUpperCase(Locale.ROOT));
      BigDecimal amount = StripeAmounts.fromStripe(minor.getAsBigDecimal(), unit);
      return Money.of(amount, unit);
    } catch (UnknownCurrencyException | NumberFormatException e) {
      throw malformed("its " + field + " is not an amount: " + e.getMessage());
    }
  }

  private static String text(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
  }
}
