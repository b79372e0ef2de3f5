package dev.credits4j.rest.security.web;

import dev.credits4j.api.ErrorCode;
import dev.credits4j.rest.json.Jsonp;
import dev.credits4j.rest.problem.ApiError;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The WAR's authentication front on {@code /api/*} (mapped in web.xml), in place of a container
 * security-constraint, which would refuse an API key's {@code Bearer} header before any application
 * code ran. Each {@link RequestAuthentication} is asked in turn; the first that recognizes the
 * request's credentials authenticates it or refuses it (401 problem+json with its challenge, saying
 * nothing of why; 403 for a signed-in browser's change without its CSRF token). A request without
 * credentials goes on anonymous: the public endpoints (health, the OpenAPI document, Stripe's
 * webhooks) answer it, every other operation answers 401 with the {@code Basic} challenge (see
 * {@code Access}).
 */
public class ApiAuthenticationFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject @Any transient Instance<RequestAuthentication> mechanisms;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    List<RequestAuthentication> ordered =
        mechanisms.stream()
            .sorted(Comparator.comparingInt(RequestAuthentication::priority))
            .toList();
    for (RequestAuthentication m : ordered) {
      RequestAuthentication.Outcome outcome = m.authenticate(request);
      if (outcome == null) {
        continue;
      }
      if (outcome.isRefused()) {
        refuse(response, outcome);
        return;
      }
      chain.doFilter(outcome.request(), response);
      return;
    }
    if (request.getHeader("Authorization") != null && request.getUserPrincipal() == null) {
      // A scheme no mechanism knows: refused as wrong credentials are.
      refuse(response, RequestAuthentication.Outcome.refused(ServerLogin.CHALLENGE));
      return;
    }
    if (request.getHeader("Authorization") == null && SessionCookie.cookie(request) != null) {
      // A browser whose session has ended: its 401 must not carry the Basic challenge, or the
      // browser would show its own login prompt instead of the portal's sign-in.
      chain.doFilter(request, new WithoutChallenge(response));
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, RequestAuthentication.Outcome outcome)
      throws IOException {
    ApiError e = outcome.error();
    String body =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("type", ErrorCode.TYPE_BASE + e.code())
            .add("title", e.title())
            .add("status", e.status())
            .add("detail", outcome.detail())
            .add("code", e.code())
            .build()
            .toString();
    response.setStatus(e.status());
    if (outcome.challenge() != null) {
      response.setHeader("WWW-Authenticate", outcome.challenge());
    }
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentType("application/problem+json;charset=UTF-8");
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

  /** The response without any {@code WWW-Authenticate} header the API would add. */
  static final class WithoutChallenge extends HttpServletResponseWrapper {
    WithoutChallenge(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setHeader(String name, String value) {
      if (!"WWW-Authenticate".equalsIgnoreCase(name)) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!"WWW-Authenticate".equalsIgnoreCase(name)) {
        super.addHeader(name, value);
      }
    }
  }
}
