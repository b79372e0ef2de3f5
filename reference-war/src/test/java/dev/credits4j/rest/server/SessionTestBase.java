package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import dev.credits4j.testing.MutableClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The portal's sign-in through real HTTP: the session cookie and its attributes, the CSRF token on
 * every cookie-authenticated change, sign-out, the idle timeout on a test clock, and HTTP Basic
 * unchanged beside it. Each subclass starts a server of its own with the test clock, over a
 * database of its own: {@link SessionTest} the WAR's (its {@code SessionResource} and its session
 * cookie mechanism), the standalone server's tests the sample's (its cookie filter and its session
 * settings). {@link SessionStoreTest} runs the store on PostgreSQL and MariaDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SessionTestBase {
  private final MutableClock clock = new MutableClock(Instant.now());
  private URI base;
  private Api basic;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** The workspace the tests act in: {@code acme} is its client, {@code team} its team member. */
  private String ws;

  /** {@code workspaces/<ws>/organizations/acme/}. */
  private String org;

  /**
   * Starts the server under test, with the portal's sessions on {@code clock} and ended after
   * {@code idleTimeout} unused; returns the API's base, {@code http://.../api/v1/}.
   */
  protected abstract URI startServer(MutableClock clock, Duration idleTimeout);

  /**
   * The workspace the tests act in, its catalog with the Professional package, its organization
   * {@code acme} with the client {@code acme}, and {@code team} its team member.
   */
  protected abstract String workspace(Api api);

  /** A connection to the server's database, for the sessions it stores. */
  protected abstract Connection connection() throws SQLException;

  protected abstract void stopServer();

  @BeforeAll
  void start() {
    base = startServer(clock, Duration.ofMinutes(30));
    basic = new Api(base);
    ws = workspace(basic);
    org = "workspaces/" + ws + "/organizations/acme/";
  }

  @AfterAll
  void stop() {
    stopServer();
  }

  /** One answer, with the cookie it set. */
  record Answer(int status, String body, String setCookie) {
    JsonObject json() {
      return Json.createReader(new StringReader(body)).readObject();
    }

    /** The session id of {@code Set-Cookie}. */
    String cookie() {
      String first = setCookie.split(";")[0];
      return first.substring(first.indexOf('=') + 1);
    }
  }

  private Answer send(String method, String path, String json, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          r.statusCode(), r.body(), r.headers().firstValue("Set-Cookie").orElse(null));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer signIn(String user, String password) {
    return send(
        "POST",
        "session",
        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
        Map.of());
  }

  private static Map<String, String> cookie(String id) {
    return Map.of("Cookie", "credits4j_session=" + id);
  }

  private static Map<String, String> cookie(String id, String csrf) {
    Map<String, String> h = new LinkedHashMap<>(cookie(id));
    h.put("X-CSRF-Token", csrf);
    return h;
  }

  private int purchases(String id) {
    return send("GET", org + "purchases", null, cookie(id)).json().getJsonArray("items").size();
  }

  private String professional() {
    for (var p : basic.get("acme", "workspaces/" + ws + "/catalog").json().getJsonArray("items")) {
      if (p.asJsonObject().getString("name").equals("Professional")) {
        return p.asJsonObject().getString("id");
      }
    }
    throw new AssertionError("the workspace's catalog has Professional");
  }

  @Test
  void signingInSetsAnHttpOnlyStrictCookieAndDescribesTheLogin() {
    Answer in = signIn("acme", "acme-demo");
    assertThat(in.status()).as(in.body()).isEqualTo(200);
    assertThat(in.setCookie())
        .startsWith("credits4j_session=")
        .contains("; Path=/", "; HttpOnly", "; SameSite=Strict")
        .doesNotContain("Secure"); // plain HTTP here
    assertThat(in.cookie()).hasSize(43); // 32 random bytes, base64url
    JsonObject body = in.json();
    assertThat(body.getString("user")).isEqualTo("acme");
    assertThat(body.getJsonArray("roles").getString(0)).isEqualTo("client");
    assertThat(body.getString("csrfToken")).hasSize(43).isNotEqualTo(in.cookie());
    assertThat(body.getJsonNumber("idleTimeoutSeconds").longValue()).isEqualTo(1800);
    JsonObject membership = body.getJsonArray("memberships").getJsonObject(0);
    assertThat(membership.getString("workspace")).isEqualTo(ws);
    assertThat(membership.getString("role")).isEqualTo("client");
    assertThat(membership.getString("organization")).isEqualTo("acme");
    assertThat(membership.getString("currency")).isEqualTo("USD");
    assertThat(membership.getString("timeZone")).isNotEmpty();

    Answer current = send("GET", "session", null, cookie(in.cookie()));
    assertThat(current.status()).isEqualTo(200);
    assertThat(current.json().getString("csrfToken")).isEqualTo(body.getString("csrfToken"));
    // The cookie reads the API as the login.
    Answer wallet = send("GET", org + "wallet", null, cookie(in.cookie()));
    assertThat(wallet.status()).as(wallet.body()).isEqualTo(200);
    // Stored hashed: the database has no row keyed by the id itself.
    assertThat(stored(in.cookie())).isZero();
    assertThat(stored(sha256(in.cookie()))).isOne();
  }

  @Test
  void aWrongPasswordOrUnknownUserIs401AndSetsNoCookie() {
    for (Answer a : List.of(signIn("acme", "nope"), signIn("nobody", "acme-demo"))) {
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.setCookie()).isNull();
      assertThat(a.json().getString("code")).isEqualTo("unauthenticated");
    }
    Answer missing = send("POST", "session", "{\"username\":\"acme\"}", Map.of());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("password");
    assertThat(send("GET", "session", null, Map.of()).status()).isEqualTo(401);
    Answer forged = send("GET", "session", null, cookie("A".repeat(43)));
    assertThat(forged.status()).isEqualTo(401);
  }

  @Test
  void aCookieAuthenticatedChangeNeedsTheCsrfTokenAndChangesNothingWithout() {
    Answer in = signIn("acme", "acme-demo");
    String id = in.cookie();
    String csrf = in.json().getString("csrfToken");
    String body = "{\"packageId\":\"" + professional() + "\"}";
    int before = purchases(id);

    Answer missing = send("POST", org + "purchases", body, cookie(id));
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.json().getString("code")).isEqualTo("csrf-token-invalid");
    Answer wrong = send("POST", org + "purchases", body, cookie(id, "x" + csrf.substring(1)));
    assertThat(wrong.status()).isEqualTo(403);
    Answer otherSessions =
        send(
            "POST",
            org + "purchases",
            body,
            cookie(id, signIn("acme", "acme-demo").json().getString("csrfToken")));
    assertThat(otherSessions.status()).as("another session's token").isEqualTo(403);
    assertThat(purchases(id)).as("nothing bought").isEqualTo(before);
    // Signing out is a change too.
    assertThat(send("DELETE", "session", null, cookie(id)).status()).isEqualTo(403);
    assertThat(send("GET", "session", null, cookie(id)).status()).isEqualTo(200);

    Answer right = send("POST", org + "purchases", body, cookie(id, csrf));
    assertThat(right.status()).as(right.body()).isEqualTo(201);
    assertThat(right.json().getString("status")).isEqualTo("PENDING");
    assertThat(purchases(id)).isEqualTo(before + 1);
  }

  @Test
  void signingOutEndsTheSessionOnTheServer() {
    Answer in = signIn("team", "team-demo");
    String id = in.cookie();
    Answer out = send("DELETE", "session", null, cookie(id, in.json().getString("csrfToken")));
    assertThat(out.status()).isEqualTo(204);
    assertThat(out.setCookie()).contains("credits4j_session=;").contains("Max-Age=0");
    assertThat(send("GET", "session", null, cookie(id)).status()).isEqualTo(401);
    Answer after = send("GET", "workspaces/" + ws + "/organizations", null, cookie(id));
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.body()).contains("unauthenticated");
    assertThat(stored(sha256(id))).isZero();
  }

  @Test
  void aSessionEndsAfterTheIdleTimeoutAndUseKeepsItAlive() {
    Answer in = signIn("acme", "acme-demo");
    String id = in.cookie();
    clock.advance(Duration.ofMinutes(20));
    assertThat(send("GET", org + "wallet", null, cookie(id)).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(20)); // 40 minutes after sign-in, 20 after last use
    assertThat(send("GET", "session", null, cookie(id)).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(31));
    Answer expired = send("GET", org + "wallet", null, cookie(id));
    assertThat(expired.status()).isEqualTo(401);
    assertThat(send("GET", "session", null, cookie(id)).status()).isEqualTo(401);
    assertThat(stored(sha256(id))).as("an expired session is deleted").isZero();
  }

  @Test
  void basicKeepsWorkingAndWinsOverACookie() {
    Reply wallet = basic.get("acme", org + "wallet");
    assertThat(wallet.status()).isEqualTo(200);
    assertThat(basic.get("acme", "session").status())
        .as("Basic credentials are not a session")
        .isEqualTo(401);
    // A machine's Basic request with a stray cookie is the Basic login's: no CSRF needed.
    String id = signIn("acme", "acme-demo").cookie();
    Reply withCookie =
        basic.send(
            "team",
            "PUT",
            "workspaces/" + ws + "/organizations/acme",
            "{\"displayName\":\"Acme Inc.\"}",
            cookie(id));
    assertThat(withCookie.status()).as(withCookie.toString()).isEqualTo(200);
    // A wrong Basic password still prompts for Basic.
    Reply wrong = new Api(base).get("nobody", org + "wallet");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Basic realm=\"credits4j\"");
  }

  private int stored(String idHash) {
    try (var c = connection();
        var s = c.prepareStatement("SELECT COUNT(*) FROM credits_api_session WHERE id_hash = ?")) {
      s.setString(1, idHash);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
