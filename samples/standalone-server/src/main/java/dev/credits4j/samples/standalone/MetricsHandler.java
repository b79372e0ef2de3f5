package dev.credits4j.samples.standalone;

import dev.credits4j.rest.metrics.ApiMeters;
import dev.credits4j.rest.security.Role;
import dev.credits4j.samples.standalone.ServerConfig.Metrics;
import dev.credits4j.samples.standalone.ServerConfig.User;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * {@code GET /metrics}: the server's meters in the Prometheus text format, beside the API rather
 * than in it, so that a scraper can read it without a login when {@code CREDITS_METRICS=public}
 * (the API's {@code GET /api/v1/metrics} serves the same meters to operators, as the reference WAR
 * does on an application server). Under {@link Metrics#OPERATOR} a login with the platform {@code
 * operator} role is needed (401 without one or with wrong credentials, 403 for others); under
 * {@link Metrics#PUBLIC} anyone who reaches the port reads it.
 */
final class MetricsHandler extends HttpHandler {
  /** The path the handler is mapped to. */
  static final String PATH = "/metrics";

  /** What {@link ApiMeters#scrape()} writes: the text format 0.0.4. */
  static final String CONTENT_TYPE = ApiMeters.CONTENT_TYPE;

  private final ApiMeters registry;
  private final Metrics access;
  private final BasicAuthentication logins;

  MetricsHandler(ApiMeters registry, Metrics access, BasicAuthentication logins) {
    this.registry = registry;
    this.access = access;
    this.logins = logins;
  }

  @Override
  public void service(Request request, Response response) throws IOException {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (!PATH.equals(request.getRequestURI())) {
      problem(response, 404, "Not Found", "no such resource");
      return;
    }
    if (request.getMethod() != Method.GET && request.getMethod() != Method.HEAD) {
      response.setHeader("Allow", "GET, HEAD");
      problem(response, 405, "Method Not Allowed", "the metrics are read with GET");
      return;
    }
    if (access == Metrics.OPERATOR) {
      String header = request.getHeader("Authorization");
      User user = header == null ? null : logins.authenticate(header);
      if (user == null) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"credits4j\"");
        problem(
            response,
            401,
            "Unauthorized",
            header == null ? "a login is required" : "wrong user name or password");
        return;
      }
      if (user.role() != Role.OPERATOR) {
        problem(response, 403, "Forbidden", "the metrics are for the platform operators");
        return;
      }
    }
    byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType(CONTENT_TYPE);
    response.setContentLength(body.length);
    if (request.getMethod() == Method.GET) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(body);
      }
    }
  }

  private static void problem(Response response, int status, String title, String detail)
      throws IOException {
    byte[] body =
        ("{\"type\":\"about:blank\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setContentLength(body.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }
}
