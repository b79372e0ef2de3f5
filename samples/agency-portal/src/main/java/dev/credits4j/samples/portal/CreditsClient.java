package dev.credits4j.samples.portal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The portal's client of a credits4j server's REST API (docs/rest-api.md), authenticated as a
 * machine with an API key ({@code Authorization: Bearer c4j_...}) that the agency's admin created
 * once with the role {@code team}. Only the calls the portal makes; every POST carries an
 * idempotency key the portal derives from its own ids, so a retried call has one effect.
 */
public final class CreditsClient {
  /** An answer the portal did not expect: the server's status and its problem+json body. */
  public static final class ApiException extends RuntimeException {
    private final int status;

    ApiException(String call, int status, String body) {
      super(call + " answered " + status + ": " + body);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  // HTTP/1.1: over plain http the JDK client would first try an h2c upgrade, which not every
  // server in front of credits4j handles for a request with a body.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI workspace;
  private final String apiKey;

  /**
   * @param api the server's API base, e.g. {@code https://credits.agency.example/api/v1/}
   * @param workspace the agency's workspace key
   * @param apiKey the API key's text ({@code c4j_<id>_<secret>}), kept out of logs
   */
  public CreditsClient(URI api, String workspace, String apiKey) {
    String base = api.toString().endsWith("/") ? api.toString() : api + "/";
    this.workspace =
        URI.create(
            base + "workspaces/" + URLEncoder.encode(workspace, StandardCharsets.UTF_8) + "/");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
  }

  /** Registers (or renames) the company as an organization of the workspace. */
  public void registerOrganization(String organization, String displayName) {
    JsonObject body = new JsonObject();
    body.addProperty("displayName", displayName);
    send("PUT", "organizations/" + id(organization), body, null);
  }

  /** The id of the workspace's package named {@code name}. */
  public String packageId(String name) {
    return idNamed("packages?limit=500", name);
  }

  /** The id of the workspace's offering named {@code name}. */
  public String offeringId(String name) {
    return idNamed("offerings?limit=500", name);
  }

  /** Buys a package for the organization (PENDING until the payment is confirmed). */
  public JsonObject order(String organization, String packageId, String orderId) {
    JsonObject body = new JsonObject();
    body.addProperty("packageId", packageId);
    return send("POST", "organizations/" + id(organization) + "/purchases", body, orderId);
  }

  /** Records that the bank transfer of a purchase arrived: its credits are granted. */
  public JsonObject confirm(String purchaseId, String bankReference) {
    JsonObject body = new JsonObject();
    body.addProperty("reference", bankReference);
    return send("POST", "purchases/" + id(purchaseId) + "/confirm", body, "confirm-" + purchaseId);
  }

  /** A service request of the organization, debited at once. */
  public JsonObject request(String organization, String offeringId, long units, String key) {
    JsonObject body = new JsonObject();
    body.addProperty("offeringId", offeringId);
    body.addProperty("units", units);
    return send("POST", "organizations/" + id(organization) + "/requests", body, key);
  }

  /** Cancels an open request; its credits come back. */
  public JsonObject cancel(String requestId, String reason) {
    JsonObject body = new JsonObject();
    body.addProperty("reason", reason);
    return send("POST", "requests/" + id(requestId) + "/cancel", body, "cancel-" + requestId);
  }

  /** The organization's available credits now. */
  public BigDecimal available(String organization) {
    return send("GET", "organizations/" + id(organization) + "/wallet", null, null)
        .get("available")
        .getAsBigDecimal();
  }

  private String idNamed(String list, String name) {
    for (JsonElement item : send("GET", list, null, null).getAsJsonArray("items")) {
      if (item.getAsJsonObject().get("name").getAsString().equals(name)) {
        return item.getAsJsonObject().get("id").getAsString();
      }
    }
    throw new IllegalArgumentException("no '" + name + "' in " + list);
  }

  private static String id(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonObject send(String method, String path, JsonObject body, String idempotencyKey) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(workspace.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + apiKey)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          method + " " + path + ": the credits server is unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (r.statusCode() / 100 != 2) {
      throw new ApiException(method + " " + path, r.statusCode(), r.body());
    }
    return r.body().isEmpty()
        ? new JsonObject()
        : JsonParser.parseString(r.body()).getAsJsonObject();
  }
}
