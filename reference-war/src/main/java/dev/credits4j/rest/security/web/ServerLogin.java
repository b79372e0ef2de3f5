package dev.credits4j.rest.security.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic against the server's own identity store (WildFly: Elytron's ApplicationRealm; Payara:
 * the file realm; or whatever realm the operator configured), through the portable {@link
 * HttpServletRequest#login}: the server checks the password and grants the roles, exactly as the
 * {@code BASIC} login-config would for a constrained path. A request the server already
 * authenticated by itself (WildFly authenticates a Basic header proactively) is taken as it is.
 */
@ApplicationScoped
public class ServerLogin implements RequestAuthentication {
  /** The challenge of the API: HTTP Basic, realm {@code credits4j}. */
  public static final String CHALLENGE = "Basic realm=\"credits4j\"";

  @Override
  public Outcome authenticate(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(/* ignoreCase= */ true, 0, "Basic ", 0, 6)) {
      return null;
    }
    if (request.getUserPrincipal() != null) {
      return Outcome.authenticated(request);
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Outcome.refused(CHALLENGE);
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Outcome.refused(CHALLENGE);
    }
    try {
      request.login(decoded.substring(0, colon), decoded.substring(colon + 1));
    } catch (ServletException wrong) {
      return Outcome.refused(CHALLENGE);
    }
    return request.getUserPrincipal() == null
        ? Outcome.refused(CHALLENGE)
        : Outcome.authenticated(request);
  }

  @Override
  public int priority() {
    return 10;
  }
}
