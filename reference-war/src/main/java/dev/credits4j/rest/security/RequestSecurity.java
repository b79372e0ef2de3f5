package dev.credits4j.rest.security;

import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.problem.Problems;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Authentication done in a JAX-RS {@code ContainerRequestFilter}, for servers that run {@link
 * dev.credits4j.rest.CreditsApplication} without the WAR's servlet filter (the standalone server's
 * Basic, Bearer and session filters, the WAR's test server): the caller a filter recognized made
 * the request's {@link SecurityContext}, and the 401 a filter answers for wrong credentials.
 */
public final class RequestSecurity {
  private RequestSecurity() {}

  /**
   * Makes {@code principal} the request's caller, in the roles {@code inRole} accepts,
   * authenticated by {@code scheme}; whether the request came over TLS stays as the container saw
   * it.
   */
  public static void actAs(
      ContainerRequestContext request,
      Principal principal,
      Predicate<String> inRole,
      String scheme) {
    request.setSecurityContext(
        new Authenticated(principal, inRole, request.getSecurityContext().isSecure(), scheme));
  }

  /**
   * Ends the request with 401 ({@code UNAUTHENTICATED}, {@code message}) and a challenge of {@code
   * scheme} in {@code WWW-Authenticate}.
   */
  public static void refuse(ContainerRequestContext request, String scheme, String message) {
    request.abortWith(
        Problems.of(
            new ApiException(
                ApiError.UNAUTHENTICATED,
                message,
                List.of(),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, scheme + " realm=\"credits4j\""))));
  }

  /** The security context of a request whose caller a filter recognized. */
  private record Authenticated(
      Principal principal, Predicate<String> inRole, boolean secure, String scheme)
      implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
      return inRole.test(role);
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return scheme;
    }
  }
}
