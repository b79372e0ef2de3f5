package dev.credits4j.rest.security.web;

import dev.credits4j.rest.security.ApiKeyPrincipal;
import dev.credits4j.rest.security.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * API keys as {@code Authorization: Bearer c4j_...}: the request goes on as the key's {@link
 * ApiKeyPrincipal}, in the key's role only (the wrapper answers {@code getUserPrincipal}, {@code
 * isUserInRole}, {@code getRemoteUser} and {@code getAuthType}, which JAX-RS's {@code
 * SecurityContext} reads). A wrong, expired or revoked key is refused alike.
 */
@ApplicationScoped
public class ApiKeyBearer implements RequestAuthentication {
  /** The challenge of a refused key. */
  public static final String CHALLENGE = "Bearer realm=\"credits4j\"";

  private ApiKeys keys;

  /** For CDI's client proxies only. */
  protected ApiKeyBearer() {}

  @Inject
  public ApiKeyBearer(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public Outcome authenticate(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(/* ignoreCase= */ true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    Optional<ApiKeyPrincipal> key = keys.authenticate(header.substring(7).trim());
    return key.isEmpty()
        ? Outcome.refused(CHALLENGE)
        : Outcome.authenticated(
            new CallerRequest(request, key.get(), key.get()::hasRole, "Bearer"));
  }

  @Override
  public int priority() {
    return 20;
  }
}
