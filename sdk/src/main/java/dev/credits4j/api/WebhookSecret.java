package dev.credits4j.api;

/**
 * An endpoint with its signing secret ({@code whsec_<base64>}), returned once when the endpoint is
 * created or its secret rotated; the SDK never shows it again.
 */
public record WebhookSecret(WebhookEndpoint endpoint, String secret) {
  @Override
  public String toString() {
    return "WebhookSecret[endpoint=" + endpoint + ", secret=(hidden)]";
  }
}
