package dev.credits4j.rest.security.web;

import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.session.SessionStore;
import dev.credits4j.rest.session.SessionStore.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;

/**
 * The portal's session cookie as a way in on a Jakarta EE server, beside {@link ServerLogin} and
 * {@link ApiKeyBearer}: a request without an {@code Authorization} header that carries a live
 * session cookie acts as the session's login, in the login's role. A state change (anything but
 * GET, HEAD and OPTIONS) so authenticated must carry the session's CSRF token in {@code
 * X-CSRF-Token}, else it is refused with 403 {@code csrf-token-invalid} before any resource runs.
 * Sign-in itself ({@code POST /api/v1/session}) is authenticated by its password, not by a cookie;
 * a request with an {@code Authorization} header is left to its scheme, so machines work exactly as
 * without sessions. An ended session goes on anonymous (the API answers 401 where it needs a login,
 * without a {@code Basic} challenge, see {@link ApiAuthenticationFilter}).
 */
@ApplicationScoped
public class SessionCookie implements RequestAuthentication {
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  @Inject Instance<SessionStore> sessions;

  @Override
  public Outcome authenticate(HttpServletRequest request) {
    String id = cookie(request);
    if (id == null
        || request.getHeader("Authorization") != null
        || isSignIn(request)
        || !sessions.isResolvable()) {
      return null;
    }
    Optional<Session> found = sessions.get().find(id);
    if (found.isEmpty()) {
      return null;
    }
    Session session = found.get();
    if (!SAFE.contains(request.getMethod())
        && !SessionStore.csrfMatches(session, request.getHeader(SessionStore.CSRF_HEADER))) {
      return Outcome.forbidden(
          ApiError.CSRF_TOKEN_INVALID,
          "a signed-in browser's change needs the session's token in " + SessionStore.CSRF_HEADER);
    }
    return Outcome.authenticated(
        new CallerRequest(
            request,
            session::principal,
            role -> session.loginRole().roleName().equals(role),
            HttpServletRequest.FORM_AUTH));
  }

  @Override
  public int priority() {
    return 30;
  }

  /** The session cookie's value, or null when the request carries none. */
  static String cookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      if (SessionStore.COOKIE.equals(c.getName())
          && c.getValue() != null
          && !c.getValue().isEmpty()) {
        return c.getValue();
      }
    }
    return null;
  }

  private static boolean isSignIn(HttpServletRequest request) {
    String path = request.getPathInfo();
    return "POST".equals(request.getMethod())
        && path != null
        && (path.equals("/v1/session") || path.equals("/v1/session/"));
  }
}
