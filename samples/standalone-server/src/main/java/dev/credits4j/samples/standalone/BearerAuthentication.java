package dev.credits4j.samples.standalone;

import dev.credits4j.rest.security.ApiKeyPrincipal;
import dev.credits4j.rest.security.ApiKeys;
import dev.credits4j.rest.security.RequestSecurity;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/**
 * API keys as {@code Authorization: Bearer c4j_...}, beside the {@link BasicAuthentication} logins:
 * the request acts as the key's {@link ApiKeyPrincipal}, in the key's workspace and role only. A
 * wrong, expired or revoked key is 401 at once, the same for each.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthentication implements ContainerRequestFilter {
  private final ApiKeys keys;

  public BearerAuthentication(ApiKeys keys) {
    this.keys = keys;
  }

  /** Whether an {@code Authorization} header is of the {@code Bearer} scheme. */
  static boolean isBearer(String header) {
    return header.regionMatches(/* ignoreCase= */ true, 0, "Bearer ", 0, 7);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !isBearer(header)) {
      return;
    }
    Optional<ApiKeyPrincipal> key = keys.authenticate(header.substring(7).trim());
    if (key.isEmpty()) {
      RequestSecurity.refuse(request, "Bearer", "wrong credentials");
      return;
    }
    ApiKeyPrincipal principal = key.get();
    RequestSecurity.actAs(request, principal, principal::hasRole, "Bearer");
  }
}
