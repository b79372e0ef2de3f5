package dev.credits4j.samples.portal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The portal's endpoint for credits4j's signed webhooks (docs/webhooks.md): {@code POST
 * /credits4j/webhooks}. Each delivery is checked with {@link WebhookVerifier} over the raw body
 * before anything else (a bad or stale signature is 401 and changes nothing), then written to the
 * company's inbox keyed by the event id ({@code webhook-id}), so a retried or replayed delivery
 * shows once; it answers 204 at once and never fails a verified delivery for a type it does not
 * know. Registered once by the agency's admin ({@code POST .../webhook-endpoints}), whose answer
 * holds the secret this receiver is given.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** The path the endpoint is registered with. */
  public static final String PATH = "/credits4j/webhooks";

  private static final System.Logger LOG = System.getLogger(WebhookReceiver.class.getName());

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final PortalStore store;
  private final String workspace;
  private final String secret;
  private final Clock clock;
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  /**
   * Listens on {@code address} (port 0: any free one).
   *
   * @param secret the endpoint's {@code whsec_...} secret
   */
  public WebhookReceiver(
      InetSocketAddress address, PortalStore store, String workspace, String secret, Clock clock)
      throws IOException {
    if (secret == null || !secret.startsWith("whsec_")) {
      throw new IllegalArgumentException("a webhook secret starts with whsec_");
    }
    this.store = store;
    this.workspace = workspace;
    this.secret = secret;
    this.clock = clock;
    server = HttpServer.create(address, 0);
    server.createContext(PATH, this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The URL to register, e.g. {@code http://127.0.0.1:43117/credits4j/webhooks}. */
  public URI url() {
    return URI.create(
        "http://"
            + server.getAddress().getHostString()
            + ":"
            + server.getAddress().getPort()
            + PATH);
  }

  /** Deliveries verified and answered 2xx. */
  public int accepted() {
    return accepted.get();
  }

  /** Deliveries refused: no or bad signature, stale timestamp, not an event. */
  public int refused() {
    return refused.get();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      if (!x.getRequestMethod().equals("POST")) {
        x.sendResponseHeaders(405, -1);
        return;
      }
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String id = x.getRequestHeaders().getFirst("webhook-id");
      String timestamp = x.getRequestHeaders().getFirst("webhook-timestamp");
      String signature = x.getRequestHeaders().getFirst("webhook-signature");
      boolean valid;
      try {
        valid =
            id != null
                && timestamp != null
                && signature != null
                && WebhookVerifier.verify(secret, id, timestamp, signature, body, clock.instant());
      } catch (Exception malformed) { // a timestamp or signature that is not one
        valid = false;
      }
      if (!valid) {
        refused.incrementAndGet();
        x.sendResponseHeaders(401, -1);
        return;
      }
      JsonObject event = JsonParser.parseString(body).getAsJsonObject();
      JsonObject data = event.getAsJsonObject("data");
      JsonElement organization = data.get("organization");
      if (event.get("workspace").getAsString().equals(workspace) && organization != null) {
        String type = event.get("type").getAsString();
        store.deliver(id, organization.getAsString(), type, text(type, data));
      }
      accepted.incrementAndGet();
      x.sendResponseHeaders(204, -1);
    } catch (RuntimeException e) {
      // Not stored: answering 500 makes credits4j retry the delivery later.
      LOG.log(System.Logger.Level.WARNING, "webhook delivery not stored", e);
      x.sendResponseHeaders(500, -1);
    }
  }

  /** The inbox text of an event; types the portal does not know get a neutral line. */
  static String text(String type, JsonObject data) {
    return switch (type) {
      case "purchase.credited" ->
          "Thank you! " + s(data, "credits") + " credits of " + s(data, "packageName") + " added.";
      case "purchase.failed" ->
          "The payment for " + s(data, "packageName") + " failed: " + s(data, "reason");
      case "request.created" ->
          "Request for "
              + s(data, "offeringName")
              + " received: "
              + s(data, "credits")
              + " credits.";
      case "request.delivered" ->
          s(data, "offeringName") + " delivered: " + s(data, "credits") + " credits.";
      case "request.canceled" ->
          "Request for " + s(data, "offeringName") + " cancelled; its credits are back.";
      case "balance.low" -> "Your balance is low: " + s(data, "credits") + " credits available.";
      case "credits.expiring_soon" -> s(data, "credits") + " credits expire soon: use them.";
      case "credits.expired" -> s(data, "credits") + " unused credits expired.";
      default -> "Update from your credits: " + type + ".";
    };
  }

  private static String s(JsonObject data, String name) {
    JsonElement v = data.get(name);
    return v == null || v.isJsonNull() ? "?" : v.getAsString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
