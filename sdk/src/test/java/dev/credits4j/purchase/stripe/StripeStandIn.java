package dev.credits4j.purchase.stripe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for Stripe's API: records every request (method, path, form
 * fields, idempotency key, API key) and answers the way Stripe does for Checkout Sessions and
 * Refunds.
 */
final class StripeStandIn implements AutoCloseable {
  record Request(
      String method, String path, Map<String, String> form, String idempotencyKey, String auth) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final AtomicInteger ids = new AtomicInteger();

  /** The payment intent Stripe reports for a retrieved checkout session. */
  volatile String sessionPaymentIntent = "pi_standin";

  /** When set, refunds answer this HTTP status with a Stripe error. */
  volatile int refundError;

  StripeStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> to(String path) {
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
    if (x.getRequestMethod().equals("POST") && path.equals("/v1/checkout/sessions")) {
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
