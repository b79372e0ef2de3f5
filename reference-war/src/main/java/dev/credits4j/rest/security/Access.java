package dev.credits4j.rest.security;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.WalletRef;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Authorization of every operation, through the portable {@link SecurityContext}: no principal is
 * 401; a principal without one of the operation's roles is 403; a client acting on another
 * organization's wallet, purchase, request or hold gets the same 404 as for an unknown one, so it
 * learns nothing of other organizations.
 */
@ApplicationScoped
public class Access {
  /** Operations of admins only. */
  public static final Role[] ADMIN = {Role.ADMIN};

  /** Operations of the agency: admins and team members. */
  public static final Role[] TEAM = {Role.ADMIN, Role.TEAM};

  /** Operations clients may do for their own organization, and the agency for any. */
  public static final Role[] ANYONE = {Role.ADMIN, Role.TEAM, Role.CLIENT};

  private ClientBindings bindings;

  /** For CDI's client proxies only. */
  protected Access() {}

  @Inject
  public Access(ClientBindings bindings) {
    this.bindings = bindings;
  }

  /**
   * The caller, if it holds one of {@code allowed}.
   *
   * @throws ApiException 401 without a principal, 403 without an allowed role
   */
  public Caller require(SecurityContext sc, String workspace, Role... allowed) {
    Principal principal = sc == null ? null : sc.getUserPrincipal();
    if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
      throw new ApiException(
          ApiError.UNAUTHENTICATED,
          "authentication required",
          List.of(),
          Map.of(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"credits4j\""));
    }
    Role role = roleOf(sc);
    if (role == null) {
      throw new ApiException(
          ApiError.FORBIDDEN, "the caller holds none of the roles admin, team, client");
    }
    if (!Arrays.asList(allowed).contains(role)) {
      throw new ApiException(
          ApiError.FORBIDDEN,
          "this operation needs the role "
              + String.join(" or ", Arrays.stream(allowed).map(Role::roleName).toList()));
    }
    String organization = null;
    if (role == Role.CLIENT) {
      organization =
          bindings
              .organizationOf(workspace, principal.getName())
              .orElseThrow(
                  () ->
                      new ApiException(
                          ApiError.FORBIDDEN,
                          "the client is bound to no organization of workspace " + workspace));
    }
    return new Caller(principal.getName(), role, organization);
  }

  private static Role roleOf(SecurityContext sc) {
    for (Role r : Role.values()) {
      if (sc.isUserInRole(r.roleName())) {
        return r;
      }
    }
    return null;
  }

  /** The organization's wallet, if the caller may see it (a client: only its own). */
  public WalletRef wallet(Caller caller, String workspace, String organization) {
    WalletRef wallet = WalletRef.of(workspace, organization);
    requireVisible(caller, wallet, ErrorCode.WALLET_NOT_FOUND, "no organization " + organization);
    return wallet;
  }

  /**
   * Fails with {@code notFound} unless the caller may see things of {@code wallet}: the agency sees
   * every organization, a client only its own.
   */
  public void requireVisible(Caller caller, WalletRef wallet, ErrorCode notFound, String message) {
    if (caller.isClient() && !caller.organization().equals(wallet.organization())) {
      throw new CreditsException(notFound, message);
    }
  }
}
