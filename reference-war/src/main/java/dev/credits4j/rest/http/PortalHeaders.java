package dev.credits4j.rest.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The headers of the portal's static files when the WAR serves them (mapped to {@code /portal/*} in
 * web.xml): a Content-Security-Policy that allows scripts, styles and connections to the server's
 * own origin only (no inline script or style, no framing), no content sniffing, and revalidation on
 * every load so that an upgrade shows at once.
 */
public class PortalHeaders extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** What the portal may load and where it may connect: its own origin only. */
  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Cache-Control", "no-cache");
    chain.doFilter(request, response);
  }
}
