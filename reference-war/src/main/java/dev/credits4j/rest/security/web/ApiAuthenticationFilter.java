package dev.credits4j.rest.security.web;

import dev.credits4j.api.ErrorCode;
import dev.credits4j.rest.problem.ApiError;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The WAR's authentication front on {@code /api/*} (mapped in web.xml), in place of a container
 * security-constraint, which would refuse an API key's {@code Bearer} header before any application
 * code ran. Each {@link RequestAuthentication} is asked in turn; the first that recognizes the
 * request's credentials authenticates it or refuses it (401 problem+json with its challenge, saying
 * nothing of why). A request without credentials goes on anonymous: the public endpoints (health,
 * the OpenAPI document, Stripe's webhooks) answer it, every other operation answers 401 with the
 * {@code Basic} challenge (see {@code Access}).
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
        refuse(response, outcome.challenge());
        return;
      }
      chain.doFilter(outcome.request(), response);
      return;
    }
    if (request.getHeader("Authorization") != null && request.getUserPrincipal() == null) {
      // A scheme no mechanism knows: refused as wrong credentials are.
      refuse(response, ServerLogin.CHALLENGE);
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, String challenge) throws IOException {
    ApiError e = ApiError.UNAUTHENTICATED;
    String body =
        Json.createObjectBuilder()
            .add("type", ErrorCode.TYPE_BASE + e.code())
            .add("title", e.title())
            .add("status", e.status())
            .add("detail", "wrong credentials")
            .add("code", e.code())
            .build()
            .toString();
    response.setStatus(e.status());
    response.setHeader("WWW-Authenticate", challenge);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/problem+json;charset=UTF-8");
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
