package dev.credits4j.rest.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.function.Predicate;

/**
 * The request as the caller a {@link RequestAuthentication} found (an API key, a browser session):
 * answers {@code getUserPrincipal}, {@code isUserInRole}, {@code getRemoteUser} and {@code
 * getAuthType}, which JAX-RS's {@code SecurityContext} reads, and nothing else.
 */
final class CallerRequest extends HttpServletRequestWrapper {
  private final Principal principal;
  private final Predicate<String> inRole;
  private final String authType;

  CallerRequest(
      HttpServletRequest request, Principal principal, Predicate<String> inRole, String authType) {
    super(request);
    this.principal = principal;
    this.inRole = inRole;
    this.authType = authType;
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public boolean isUserInRole(String role) {
    return inRole.test(role);
  }

  @Override
  public String getRemoteUser() {
    return principal.getName();
  }

  @Override
  public String getAuthType() {
    return authType;
  }
}
