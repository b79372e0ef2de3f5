package dev.credits4j.samples.standalone;

import dev.credits4j.rest.http.PortalHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Serves the browser portal: the reference WAR's static files under {@code /portal/} (on the class
 * path as {@code credits4j-portal/}, see the WAR's pom), and {@code /} redirecting there. Only GET
 * and HEAD; a path with {@code ..}, a backslash or an escaped character names nothing (404). Every
 * answer carries the portal's Content-Security-Policy, which allows scripts and styles from the
 * server's own origin only (no inline ones).
 */
final class PortalHandler extends HttpHandler {
  /** The portal's path on the server. */
  static final String PATH = "/portal/";

  /** What the portal may load and where it may connect: its own origin only (as in the WAR). */
  static final String CSP = PortalHeaders.CSP;

  private static final String ROOT = "credits4j-portal/";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "json", "application/json",
          "txt", "text/plain; charset=utf-8");

  @Override
  public void service(Request request, Response response) throws IOException {
    headers(response);
    if (request.getMethod() != Method.GET && request.getMethod() != Method.HEAD) {
      response.setHeader("Allow", "GET, HEAD");
      response.sendError(405);
      return;
    }
    String uri = request.getRequestURI();
    if (uri.equals("/") || uri.equals("/portal")) {
      response.sendRedirect(PATH);
      return;
    }
    if (!uri.startsWith(PATH)) {
      response.sendError(404);
      return;
    }
    String file = uri.substring(PATH.length());
    if (file.isEmpty()) {
      file = "index.html";
    }
    String type = type(file);
    if (type == null
        || file.contains("..")
        || file.contains("\\")
        || file.contains("%")
        || file.contains("//")) {
      response.sendError(404);
      return;
    }
    try (InputStream in = PortalHandler.class.getClassLoader().getResourceAsStream(ROOT + file)) {
      if (in == null) {
        response.sendError(404);
        return;
      }
      byte[] body = in.readAllBytes();
      response.setContentType(type);
      response.setContentLength(body.length);
      // The files change with the server's version only; revalidate so an upgrade shows at once.
      response.setHeader("Cache-Control", "no-cache");
      if (request.getMethod() == Method.GET) {
        try (OutputStream out = response.getOutputStream()) {
          out.write(body);
        }
      }
    }
  }

  private static void headers(Response response) {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("X-Frame-Options", "DENY");
  }

  private static String type(String file) {
    int dot = file.lastIndexOf('.');
    return dot < 0 ? null : TYPES.get(file.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
