package dev.credits4j.servers;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * The reference WAR's HTTP API on one server, called as one of {@link ServerUsers} or anonymously.
 */
public final class Api {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI root;
  private final URI base;

  /** {@code root} is the WAR's context root, e.g. {@code http://127.0.0.1:8180/credits4j/}. */
  public Api(URI root) {
    this.root = root;
    this.base = root.resolve("api/v1/");
  }

  /** One response: status, headers and body. */
  public record Response(int status, HttpHeaders headers, String body) {
    public JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    public JsonElement jsonElement() {
      return JsonParser.parseString(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Response get(ServerUsers.User user, String path) {
    return send(request(user, path).GET());
  }

  public Response get(ServerUsers.User user, String path, String accept) {
    return send(request(user, path).setHeader("Accept", accept).GET());
  }

  public Response post(ServerUsers.User user, String path, String json) {
    return send(
        request(user, path)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response put(ServerUsers.User user, String path, String json) {
    return send(
        request(user, path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response delete(ServerUsers.User user, String path) {
    return send(request(user, path).DELETE());
  }

  /** A GET with an API key: {@code Authorization: Bearer <key>}. */
  public Response getWithKey(String key, String path) {
    return send(request(null, path).header("Authorization", "Bearer " + key).GET());
  }

  /** A request with a wrong password for {@code user}. */
  public Response getWithPassword(ServerUsers.User user, String password, String path) {
    return send(request(null, path).header("Authorization", basic(user.name(), password)).GET());
  }

  /** A page of the WAR outside the API, e.g. {@code portal/}, as a browser would ask for it. */
  public Response page(String path) {
    return send(HttpRequest.newBuilder(root.resolve(path)).timeout(TIMEOUT).GET());
  }

  /** The portal's sign-in: {@code POST /api/v1/session} with a user name and password. */
  public Response signIn(String name, String password) {
    return send(
        HttpRequest.newBuilder(base.resolve("session"))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}")));
  }

  /**
   * A call as a signed-in browser makes it: the session's {@code cookie} ({@code name=value}) and,
   * unless null, its CSRF token in {@code X-CSRF-Token}; {@code json} is the body of a POST (null
   * for a GET or DELETE, by {@code method}).
   */
  public Response asBrowser(String method, String path, String cookie, String csrf, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header("Cookie", cookie);
    if (csrf != null) {
      b.header("X-CSRF-Token", csrf);
    }
    if (json != null) {
      b.header("Content-Type", "application/json")
          .header("Idempotency-Key", UUID.randomUUID().toString());
    }
    return send(
        b.method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpRequest.Builder request(ServerUsers.User user, String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json");
    if (user != null) {
      b.header("Authorization", basic(user.name(), user.password()));
    }
    return b;
  }

  private static String basic(String name, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Response send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
