package dev.credits4j.rest.server;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A small HTTP client for the API under test: real requests over the loopback interface. Public for
 * the standalone server's tests, which drive the same API on the sample's server.
 */
public final class Api {
  public static final Map<String, String> PASSWORDS = new LinkedHashMap<>();

  static {
    for (WarServer.Login u : TestServer.USERS) {
      PASSWORDS.put(u.name(), u.password());
    }
  }

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  public Api(URI base) {
    this.base = base;
  }

  public URI base() {
    return base;
  }

  /** One HTTP answer. */
  public record Reply(int status, java.net.http.HttpHeaders headers, String body) {
    public JsonObject json() {
      try (JsonReader r = Json.createReader(new StringReader(body))) {
        return r.readObject();
      } catch (RuntimeException e) {
        throw new AssertionError("not a JSON object (" + status + "): " + body, e);
      }
    }

    public JsonArray items() {
      return json().getJsonArray("items");
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Reply get(String user, String path) {
    return send(user, "GET", path, null, Map.of());
  }

  public Reply get(String user, String path, String accept) {
    return send(user, "GET", path, null, Map.of("Accept", accept));
  }

  public Reply post(String user, String path, String json) {
    return send(user, "POST", path, json, Map.of());
  }

  public Reply post(String user, String path, String json, String idempotencyKey) {
    return send(user, "POST", path, json, Map.of("Idempotency-Key", idempotencyKey));
  }

  public Reply put(String user, String path, String json) {
    return send(user, "PUT", path, json, Map.of());
  }

  public Reply delete(String user, String path) {
    return send(user, "DELETE", path, null, Map.of());
  }

  public Reply send(
      String user, String method, String path, String json, Map<String, String> headers) {
    return sendBytes(
        user, method, path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), headers);
  }

  public Reply sendBytes(
      String user, String method, String path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
            .timeout(Duration.ofSeconds(60));
    if (user != null && user.startsWith("c4j_")) {
      b.header("Authorization", "Bearer " + user); // an API key
    } else if (user != null) {
      String password = PASSWORDS.getOrDefault(user, "wrong");
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    boolean hasContentType = headers.keySet().stream().anyMatch("Content-Type"::equalsIgnoreCase);
    boolean bodyMethod = Set.of("POST", "PUT", "PATCH").contains(method);
    if ((body != null || bodyMethod) && !hasContentType) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<String> r =
          http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A fresh workspace (USD, whole credits) created by the operator {@code ops}: {@code admin} its
   * admin, {@code team} its team member, organizations {@code acme} and {@code globex} registered
   * with their clients {@code acme} and {@code globex} bound to them.
   */
  public String newWorkspace() {
    return newWorkspace(
        "admin", Map.of("team", "team"), Map.of("acme", "acme", "globex", "globex"));
  }

  /**
   * A fresh workspace created by the operator with {@code admin} as its first admin, the {@code
   * staff} members (principal to role), and the {@code clients} (principal to organization, each
   * organization registered as "{@code <org>} Inc.").
   */
  public String newWorkspace(String admin, Map<String, String> staff, Map<String, String> clients) {
    String ws = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Reply r =
        post(
            "ops",
            "workspaces",
            "{\"key\":\"" + ws + "\",\"currency\":\"USD\",\"admins\":[\"" + admin + "\"]}");
    if (r.status() != 201) {
      throw new AssertionError("could not create workspace: " + r);
    }
    staff.forEach((who, role) -> member(admin, ws, who, "{\"role\":\"" + role + "\"}"));
    for (Map.Entry<String, String> c : new java.util.TreeMap<>(clients).entrySet()) {
      String org = c.getValue();
      Reply registered =
          put(
              admin,
              "workspaces/" + ws + "/organizations/" + org,
              "{\"displayName\":\"" + org + " Inc.\"}");
      if (registered.status() != 200) {
        throw new AssertionError("could not register " + org + ": " + registered);
      }
      member(admin, ws, c.getKey(), "{\"role\":\"client\",\"organization\":\"" + org + "\"}");
    }
    return ws;
  }

  private void member(String admin, String ws, String principal, String body) {
    Reply r = put(admin, "workspaces/" + ws + "/members/" + principal, body);
    if (r.status() != 201 && r.status() != 200) {
      throw new AssertionError("could not add member " + principal + ": " + r);
    }
  }

  /** One request written byte for byte on a socket: the path is sent exactly as given. */
  public Reply raw(String method, String target, String user, String contentType, String body) {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(60_000);
      StringBuilder req = new StringBuilder();
      req.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      req.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
      req.append("Connection: close\r\n");
      if (user != null) {
        String cred = user + ":" + PASSWORDS.get(user);
        req.append("Authorization: Basic ")
            .append(Base64.getEncoder().encodeToString(cred.getBytes(StandardCharsets.UTF_8)))
            .append("\r\n");
      }
      if (contentType != null) {
        req.append("Content-Type: ").append(contentType).append("\r\n");
      }
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (body != null || !method.equals("GET")) {
        req.append("Content-Length: ").append(bytes.length).append("\r\n");
      }
      req.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return parse(all.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply parse(String response) {
    int end = response.indexOf("\r\n\r\n");
    String head = end < 0 ? response : response.substring(0, end);
    String body = end < 0 ? "" : response.substring(end + 4);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).trim();
      String value = lines[i].substring(colon + 1).trim();
      headers.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
      if (name.equalsIgnoreCase("Transfer-Encoding") && value.contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      StringBuilder b = new StringBuilder();
      String rest = body;
      while (true) {
        int nl = rest.indexOf("\r\n");
        int size = Integer.parseInt(rest.substring(0, nl).trim(), 16);
        if (size == 0) {
          break;
        }
        b.append(rest, nl + 2, nl + 2 + size);
        rest = rest.substring(nl + 2 + size + 2);
      }
      body = b.toString();
    }
    return new Reply(status, java.net.http.HttpHeaders.of(headers, (a, c) -> true), body);
  }
}
