package dev.credits4j.purchase.stripe;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a Stripe account: the secret API key, the webhook endpoint's signing secret, the API
 * base URL ({@value #API_BASE}, or a local stand-in in tests), where Checkout sends the buyer back,
 * and how old a webhook signature may be. Holds no Stripe type, so a host without {@code
 * stripe-java} on its classpath can still load the SDK.
 *
 * @param successUrl where Checkout sends the buyer after paying
 * @param cancelUrl where Checkout sends a buyer who gives up
 * @param tolerance how far a webhook's signed timestamp may be from now (Stripe's default: 5 min)
 */
public record StripeSettings(
    String apiKey,
    String webhookSecret,
    String apiBase,
    String successUrl,
    String cancelUrl,
    Duration tolerance) {
  /** Stripe's own API. */
  public static final String API_BASE = "https://api.stripe.com";

  /** Stripe's default tolerance for webhook timestamps. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  public StripeSettings {
    requireText("apiKey", apiKey);
    requireText("webhookSecret", webhookSecret);
    requireText("successUrl", successUrl);
    requireText("cancelUrl", cancelUrl);
    apiBase = apiBase == null || apiBase.isBlank() ? API_BASE : apiBase;
    tolerance = tolerance == null ? DEFAULT_TOLERANCE : tolerance;
    if (tolerance.isNegative() || tolerance.isZero()) {
      throw new IllegalArgumentException("CREDITS-0310 the webhook tolerance must be positive");
    }
  }

  /** Against Stripe's own API with the default tolerance. */
  public static StripeSettings of(
      String apiKey, String webhookSecret, String successUrl, String cancelUrl) {
    return new StripeSettings(apiKey, webhookSecret, API_BASE, successUrl, cancelUrl, null);
  }

  /** The same account through another API base URL (a local stand-in for Stripe). */
  public StripeSettings withApiBase(String base) {
    return new StripeSettings(apiKey, webhookSecret, base, successUrl, cancelUrl, tolerance);
  }

  private static void requireText(String name, String value) {
    if (Objects.requireNonNull(value, name).isBlank()) {
      throw new IllegalArgumentException("CREDITS-0310 Stripe setting '" + name + "' is blank");
    }
  }

  @Override
  public String toString() {
    // Never print the secrets.
    return "StripeSettings[apiBase=" + apiBase + ", tolerance=" + tolerance + "]";
  }
}
