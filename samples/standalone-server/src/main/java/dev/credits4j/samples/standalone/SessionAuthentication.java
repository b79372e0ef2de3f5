package dev.credits4j.samples.standalone;

import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.problem.Problems;
import dev.credits4j.rest.security.RequestSecurity;
import dev.credits4j.rest.session.SessionStore;
import dev.credits4j.rest.session.SessionStore.Session;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import java.util.Set;

/**
 * The portal's session cookie as a second way in, beside {@link BasicAuthentication}: a request
 * without an {@code Authorization} header that carries a live session cookie acts as the session's
 * login. A state change (POST, PUT, PATCH, DELETE) so authenticated must carry the session's CSRF
 * token in {@code X-CSRF-Token}, else it is refused with 403 {@code csrf-token-invalid} before any
 * resource runs. Sign-in itself ({@code POST /v1/session}) is authenticated by its password, not by
 * a cookie. A request with an {@code Authorization} header is left to the header's scheme: machines
 * keep working exactly as without sessions. A 401 to a request that carried the cookie (a session
 * that has ended) has no {@code WWW-Authenticate}, so the browser shows the portal's sign-in rather
 * than its own Basic prompt.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 10)
public class SessionAuthentication implements ContainerRequestFilter, ContainerResponseFilter {
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  private static final String CARRIED_COOKIE = SessionAuthentication.class.getName() + ".cookie";

  private final SessionStore sessions;

  public SessionAuthentication(SessionStore sessions) {
    this.sessions = sessions;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Cookie cookie = request.getCookies().get(SessionStore.COOKIE);
    if (cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty()) {
      return;
    }
    request.setProperty(CARRIED_COOKIE, Boolean.TRUE);
    if (request.getHeaderString(HttpHeaders.AUTHORIZATION) != null || isSignIn(request)) {
      return;
    }
    Optional<Session> found = sessions.find(cookie.getValue());
    if (found.isEmpty()) {
      return; // an ended session: anonymous, so the API answers 401 where it needs a login
    }
    Session session = found.get();
    if (!SAFE.contains(request.getMethod())
        && !SessionStore.csrfMatches(session, request.getHeaderString(SessionStore.CSRF_HEADER))) {
      request.abortWith(
          Problems.of(
              new ApiException(
                  ApiError.CSRF_TOKEN_INVALID,
                  "a signed-in browser's change needs the session's token in "
                      + SessionStore.CSRF_HEADER)));
      return;
    }
    RequestSecurity.actAs(
        request,
        session::principal,
        session.loginRole().roleName()::equals,
        SecurityContext.FORM_AUTH);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() == 401 && request.getProperty(CARRIED_COOKIE) != null) {
      response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
    }
  }

  private static boolean isSignIn(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    return request.getMethod().equals("POST")
        && (path.equals("v1/session") || path.equals("/v1/session"));
  }
}
