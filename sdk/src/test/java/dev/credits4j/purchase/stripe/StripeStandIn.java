package dev.credits4j.purchase.stripe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local HTTP server standing in for Stripe's API (public: the WAR's and the standalone server's
 * tests use it too), and Stripe's signature of a webhook delivery ({@link #signature}): records
 * every request (method, path, form fields, idempotency key, API key) and answers the way Stripe
 * does for Checkout Sessions and Refunds, Customers, Checkout Sessions in setup mode (retrieved
 * with their SetupIntent) and off-session PaymentIntents, which it declines for the payment methods
 * in {@link #declining}.
 */
public final class StripeStandIn implements AutoCloseable {
  public record Request(
      String method, String path, Map<String, String> form, String idempotencyKey, String auth) {}

  public final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final AtomicInteger ids = new AtomicInteger();

  /** The payment intent Stripe reports for a retrieved checkout session. */
  public volatile String sessionPaymentIntent = "pi_standin";

  /** When set, refunds answer this HTTP status with a Stripe error. */
  public volatile int refundError;

  /** The payment method a completed setup session's SetupIntent saved. */
  public volatile String setupPaymentMethod = "pm_card_visa";

  /** Whether retrieved setup sessions are complete (else still open). */
  public volatile boolean setupComplete = true;

  /** Payment methods whose off-session payment intents Stripe declines (402 card_error). */
  public final java.util.Set<String> declining = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The mode of each checkout session created, by id. */
  private final Map<String, String> sessionModes = new java.util.concurrent.ConcurrentHashMap<>();

  /** The customer of each setup session created, by id. */
  private final Map<String, String> sessionCustomers =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Payment intents answered, by idempotency key: Stripe replays the first answer. */
  private final Map<String, Object[]> intentsByKey = new java.util.concurrent.ConcurrentHashMap<>();

  public StripeStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  /**
   * The {@code Stripe-Signature} header Stripe sends with a webhook delivery of {@code payload}:
   * {@code t=<epochSecond>,v1=<HMAC-SHA256 of "t.payload" under the endpoint's secret, hex>}.
   */
  public static String signature(String payload, String secret, long epochSecond) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] v1 = mac.doFinal((epochSecond + "." + payload).getBytes(StandardCharsets.UTF_8));
      return "t=" + epochSecond + ",v1=" + HexFormat.of().formatHex(v1);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Request> to(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void serve(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = x.getRequestURI().getPath();
    Map<String, String> form = decode(body);
    requests.add(
        new Request(
            x.getRequestMethod(),
            path,
            form,
            x.getRequestHeaders().getFirst("Idempotency-Key"),
            x.getRequestHeaders().getFirst("Authorization")));
    int n = ids.incrementAndGet();
    if (x.getRequestMethod().equals("POST") && path.equals("/v1/customers")) {
      answer(
          x,
          200,
          "{\"id\":\"cus_test_"
              + n
              + "\",\"object\":\"customer\",\"description\":\""
              + form.getOrDefault("description", "")
              + "\"}");
    } else if (x.getRequestMethod().equals("POST")
        && path.equals("/v1/checkout/sessions")
        && "setup".equals(form.get("mode"))) {
      String id = "cs_test_setup_" + n;
      sessionModes.put(id, "setup");
      sessionCustomers.put(id, form.get("customer"));
      answer(
          x,
          200,
          "{\"id\":\""
              + id
              + "\",\"object\":\"checkout.session\",\"mode\":\"setup\",\"status\":\"open\","
              + "\"customer\":\""
              + form.get("customer")
              + "\",\"url\":\"https://checkout.stripe.com/c/setup/"
              + id
              + "\"}");
    } else if (x.getRequestMethod().equals("GET")
        && path.startsWith("/v1/checkout/sessions/")
        && "setup".equals(sessionModes.get(path.substring(path.lastIndexOf('/') + 1)))) {
      String id = path.substring(path.lastIndexOf('/') + 1);
      boolean complete = setupComplete;
      answer(
          x,
          200,
          "{\"id\":\""
              + id
              + "\",\"object\":\"checkout.session\",\"mode\":\"setup\",\"status\":\""
              + (complete ? "complete" : "open")
              + "\",\"customer\":\""
              + sessionCustomers.get(id)
              + "\",\"setup_intent\":{\"id\":\"seti_test_"
              + n
              + "\",\"object\":\"setup_intent\",\"status\":\""
              + (complete ? "succeeded" : "requires_payment_method")
              + "\",\"payment_method\":"
              + (complete ? "\"" + setupPaymentMethod + "\"" : "null")
              + "}}");
    } else if (x.getRequestMethod().equals("POST") && path.equals("/v1/payment_intents")) {
      String key = x.getRequestHeaders().getFirst("Idempotency-Key");
      Object[] first = key == null ? null : intentsByKey.get(key);
      if (first == null) {
        String id = "pi_test_" + n;
        boolean declined = declining.contains(form.get("payment_method"));
        String intent =
            "{\"id\":\""
                + id
                + "\",\"object\":\"payment_intent\",\"amount\":"
                + form.get("amount")
                + ",\"currency\":\""
                + form.get("currency")
                + "\",\"customer\":\""
                + form.get("customer")
                + "\",\"payment_method\":\""
                + form.get("payment_method")
                + "\",\"status\":\""
                + (declined ? "requires_payment_method" : "succeeded")
                + "\",\"metadata\":{\"credits4j_purchase_id\":\""
                + form.get("metadata[credits4j_purchase_id]")
                + "\"}}";
        first =
            declined
                ? new Object[] {
                  402,
                  "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                      + "\"decline_code\":\"insufficient_funds\","
                      + "\"message\":\"Your card has insufficient funds.\",\"payment_intent\":"
                      + intent
                      + "}}"
                }
                : new Object[] {200, intent};
        if (key != null) {
          intentsByKey.put(key, first);
        }
      }
      answer(x, (Integer) first[0], (String) first[1]);
    } else if (x.getRequestMethod().equals("POST") && path.equals("/v1/checkout/sessions")) {
      String id = "cs_test_" + n;
      answer(
          x,
          200,
          "{\"id\":\""
              + id
              + "\",\"object\":\"checkout.session\",\"mode\":\"payment\",\"status\":\"open\","
              + "\"payment_status\":\"unpaid\",\"amount_total\":"
              + form.get("line_items[0][price_data][unit_amount]")
              + ",\"currency\":\""
              + form.get("line_items[0][price_data][currency]")
              + "\",\"client_reference_id\":\""
              + form.get("client_reference_id")
              + "\",\"metadata\":{\"credits4j_purchase_id\":\""
              + form.get("metadata[credits4j_purchase_id]")
              + "\"},\"payment_intent\":null,\"url\":\"https://checkout.stripe.com/c/pay/"
              + id
              + "\"}");
    } else if (x.getRequestMethod().equals("GET") && path.startsWith("/v1/checkout/sessions/")) {
      String id = path.substring(path.lastIndexOf('/') + 1);
      answer(
          x,
          200,
          "{\"id\":\""
              + id
              + "\",\"object\":\"checkout.session\",\"status\":\"complete\","
              + "\"payment_status\":\"paid\",\"payment_intent\":\""
              + sessionPaymentIntent
              + "\"}");
    } else if (x.getRequestMethod().equals("POST") && path.equals("/v1/refunds")) {
      if (refundError != 0) {
        answer(
            x,
            refundError,
            "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"charge_already_refunded\","
                + "\"message\":\"Charge has already been refunded.\"}}");
        return;
      }
      answer(
          x,
          200,
          "{\"id\":\"re_test_"
              + n
              + "\",\"object\":\"refund\",\"amount\":"
              + form.get("amount")
              + ",\"currency\":\"usd\",\"payment_intent\":\""
              + form.get("payment_intent")
              + "\",\"status\":\"succeeded\",\"metadata\":{}}");
    } else {
      answer(
          x,
          404,
          "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL\"}}");
    }
  }

  private static void answer(HttpExchange x, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.getResponseHeaders().add("Request-Id", "req_standin");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> decode(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      form.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
