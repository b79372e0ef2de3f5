package dev.credits4j.rest.security.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * One way the WAR authenticates a request to {@code /api}, in front of JAX-RS: HTTP Basic against
 * the server's own identity store ({@link ServerLogin}), API keys as {@code Bearer} ({@link
 * ApiKeyBearer}); a browser session can be another. {@link ApiAuthenticationFilter} asks each
 * mechanism (CDI beans of this type, by {@link #priority()}) in turn; the first that recognizes the
 * request's credentials decides.
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
   * @param challenge the {@code WWW-Authenticate} value of a refusal
   */
  record Outcome(HttpServletRequest request, String challenge) {
    public static Outcome authenticated(HttpServletRequest request) {
      return new Outcome(request, null);
    }

    public static Outcome refused(String challenge) {
      return new Outcome(null, challenge);
    }

    public boolean isRefused() {
      return request == null;
    }
  }
}
