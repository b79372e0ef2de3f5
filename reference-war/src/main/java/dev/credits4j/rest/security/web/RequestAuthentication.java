package dev.credits4j.rest.security.web;

import dev.credits4j.rest.problem.ApiError;
import jakarta.servlet.http.HttpServletRequest;

/**
 * One way the WAR authenticates a request to {@code /api}, in front of JAX-RS: HTTP Basic against
 * the server's own identity store ({@link ServerLogin}), API keys as {@code Bearer} ({@link
 * ApiKeyBearer}), the portal's session cookie ({@link SessionCookie}). {@link
 * ApiAuthenticationFilter} asks each mechanism (CDI beans of this type, by {@link #priority()}) in
 * turn; the first that recognizes the request's credentials decides.
 */
public interface RequestAuthentication {

  /**
   * What this mechanism makes of {@code request}: null when it carries no credentials of this
   * mechanism (the next one is asked), {@link Outcome#refused} when they are wrong (401), or the
   * request as the API sees it, its caller set ({@link Outcome#authenticated}).
   */
  Outcome authenticate(HttpServletRequest request);

  /** Lower runs first. */
  default int priority() {
    return 100;
  }

  /**
   * A mechanism's verdict.
   *
   * @param request the request with its caller, for the rest of the chain; null when refused
   * @param error why it was refused ({@code unauthenticated}: wrong credentials; or another of the
   *     API's errors, such as a missing CSRF token); null when authenticated
   * @param challenge the {@code WWW-Authenticate} value of a 401; null otherwise
   * @param detail the refusal's detail, in words; null when authenticated
   */
  record Outcome(HttpServletRequest request, ApiError error, String challenge, String detail) {
    public static Outcome authenticated(HttpServletRequest request) {
      return new Outcome(request, null, null, null);
    }

    /** Wrong credentials: 401 with {@code challenge}, saying nothing of what was wrong. */
    public static Outcome refused(String challenge) {
      return new Outcome(null, ApiError.UNAUTHENTICATED, challenge, "wrong credentials");
    }

    /** Credentials that are right but may not do this (e.g. a change without its CSRF token). */
    public static Outcome forbidden(ApiError error, String detail) {
      return new Outcome(null, error, null, detail);
    }

    public boolean isRefused() {
      return request == null;
    }
  }
}
