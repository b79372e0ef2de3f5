package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.Api.Reply;
import dev.credits4j.testing.MutableClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The portal's sign-in through real HTTP: the session cookie and its attributes, the CSRF token on
 * every cookie-authenticated change, sign-out, the idle timeout on a test clock, and HTTP Basic
 * unchanged beside it. On a server of its own (the test clock) over an H2 file of its own: two
 * servers in one JVM over one database URL would share EclipseLink's session. {@link
 * SessionStoreTest} runs the store on PostgreSQL and MariaDB.
 */
@Order(7) // before the shared TestServer starts: see junit-platform.properties
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionTest {
  private static final String ORG = "workspaces/demo/organizations/acme/";

  private final MutableClock clock = new MutableClock(Instant.now());
  private StandaloneServer server;
  private Api basic;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private Path dir;

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("credits4j-session-test");
    server =
        StandaloneServer.start(
            new ServerConfig(
                "localhost", 0, ServerConfig.h2File(dir), "sa", "", TestServer.USERS, true, null),
            LedgerKeySettings.none(),
            new SessionSettings(Duration.ofMinutes(30), clock));
    basic = new Api(server.baseUri());
  }

  @AfterAll
  void stop() throws IOException {
    server.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
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
        HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(30));
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
    return send("GET", ORG + "purchases", null, cookie(id)).json().getJsonArray("items").size();
  }

  private String professional() {
    for (var p : basic.get("acme", "workspaces/demo/catalog").json().getJsonArray("items")) {
      if (p.asJsonObject().getString("name").equals("Professional")) {
        return p.asJsonObject().getString("id");
      }
    }
    throw new AssertionError("the demo catalog has Professional");
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
    JsonObject demo = body.getJsonArray("memberships").getJsonObject(0);
    assertThat(demo.getString("workspace")).isEqualTo("demo");
    assertThat(demo.getString("role")).isEqualTo("client");
    assertThat(demo.getString("organization")).isEqualTo("acme");
    assertThat(demo.getString("currency")).isEqualTo("USD");
    assertThat(demo.getString("timeZone")).isNotEmpty();

    Answer current = send("GET", "session", null, cookie(in.cookie()));
    assertThat(current.status()).isEqualTo(200);
    assertThat(current.json().getString("csrfToken")).isEqualTo(body.getString("csrfToken"));
    // The cookie reads the API as the login.
    Answer wallet = send("GET", ORG + "wallet", null, cookie(in.cookie()));
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

    Answer missing = send("POST", ORG + "purchases", body, cookie(id));
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.json().getString("code")).isEqualTo("csrf-token-invalid");
    Answer wrong = send("POST", ORG + "purchases", body, cookie(id, "x" + csrf.substring(1)));
    assertThat(wrong.status()).isEqualTo(403);
    Answer otherSessions =
        send(
            "POST",
            ORG + "purchases",
            body,
            cookie(id, signIn("acme", "acme-demo").json().getString("csrfToken")));
    assertThat(otherSessions.status()).as("another session's token").isEqualTo(403);
    assertThat(purchases(id)).as("nothing bought").isEqualTo(before);
    // Signing out is a change too.
    assertThat(send("DELETE", "session", null, cookie(id)).status()).isEqualTo(403);
    assertThat(send("GET", "session", null, cookie(id)).status()).isEqualTo(200);

    Answer right = send("POST", ORG + "purchases", body, cookie(id, csrf));
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
    Answer after = send("GET", "workspaces/demo/organizations", null, cookie(id));
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.body()).contains("unauthenticated");
    assertThat(stored(sha256(id))).isZero();
  }

  @Test
  void aSessionEndsAfterTheIdleTimeoutAndUseKeepsItAlive() {
    Answer in = signIn("acme", "acme-demo");
    String id = in.cookie();
    clock.advance(Duration.ofMinutes(20));
    assertThat(send("GET", ORG + "wallet", null, cookie(id)).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(20)); // 40 minutes after sign-in, 20 after last use
    assertThat(send("GET", "session", null, cookie(id)).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(31));
    Answer expired = send("GET", ORG + "wallet", null, cookie(id));
    assertThat(expired.status()).isEqualTo(401);
    assertThat(send("GET", "session", null, cookie(id)).status()).isEqualTo(401);
    assertThat(stored(sha256(id))).as("an expired session is deleted").isZero();
  }

  @Test
  void basicKeepsWorkingAndWinsOverACookie() {
    Reply wallet = basic.get("acme", ORG + "wallet");
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
            "workspaces/demo/organizations/acme",
            "{\"displayName\":\"Acme Inc.\"}",
            cookie(id));
    assertThat(withCookie.status()).as(withCookie.toString()).isEqualTo(200);
    // A wrong Basic password still prompts for Basic.
    Reply wrong = new Api(server.baseUri()).get("nobody", ORG + "wallet");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Basic realm=\"credits4j\"");
  }

  @Test
  void theTimeoutSettingIsMinutesFrom1To1440() {
    assertThat(SessionSettings.from(Map.of()).idleTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(SessionSettings.from(Map.of("CREDITS_SESSION_TIMEOUT", " 5 ")).idleTimeout())
        .isEqualTo(Duration.ofMinutes(5));
    for (String bad : List.of("0", "1441", "ten", "-3")) {
      assertThatThrownBy(() -> SessionSettings.from(Map.of("CREDITS_SESSION_TIMEOUT", bad)))
          .as(bad)
          .hasMessageContaining("CREDITS-0840");
    }
  }

  private int stored(String idHash) {
    try (var c = java.sql.DriverManager.getConnection(ServerConfig.h2File(dir), "sa", "");
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
