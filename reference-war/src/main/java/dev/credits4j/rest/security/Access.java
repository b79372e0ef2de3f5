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
 * Authorization of every operation, through the portable {@link SecurityContext} and the {@link
 * WorkspaceMemberships}: no principal is 401; a principal that is not a member of the request's
 * workspace gets the same 404 as for a workspace that does not exist, so it learns nothing of other
 * tenants; a member whose role in the workspace is not one of the operation's is 403; a client
 * acting on another organization's wallet, purchase, request or hold gets the same 404 as for an
 * unknown one.
 *
 * <p>A principal's role in a workspace is its membership's, never more than its login holds: a
 * staff membership needs the login role {@code admin} or {@code team} (an admin membership of a
 * {@code team} login acts as team), a client membership the login role {@code client}. The login
 * role {@code operator} is a member of no workspace: it creates workspaces.
 *
 * <p>An API key ({@link ApiKeyPrincipal}) is a member of its own workspace only, with its key's
 * role (team, or client of its organization), whatever the membership table holds; it is never an
 * operator.
 */
@ApplicationScoped
public class Access {
  /** Operations of admins only. */
  public static final Role[] ADMIN = {Role.ADMIN};

  /** Operations of the agency: admins and team members. */
  public static final Role[] TEAM = {Role.ADMIN, Role.TEAM};

  /** Operations clients may do for their own organization, and the agency for any. */
  public static final Role[] ANYONE = {Role.ADMIN, Role.TEAM, Role.CLIENT};

  private WorkspaceMemberships memberships;

  /** For CDI's client proxies only. */
  protected Access() {}

  @Inject
  public Access(WorkspaceMemberships memberships) {
    this.memberships = memberships;
  }

  /**
   * The caller, if it is a member of {@code workspace} with one of {@code allowed}.
   *
   * @throws ApiException 401 without a principal, 403 without an allowed role
   * @throws CreditsException {@link ErrorCode#WORKSPACE_NOT_FOUND} when the caller is not a member
   */
  public Caller require(SecurityContext sc, String workspace, Role... allowed) {
    Principal principal = principal(sc);
    Membership membership = workspace == null ? null : membership(principal, workspace);
    Role role =
        membership == null
            ? null
            : principal instanceof ApiKeyPrincipal
                ? membership.role()
                : effectiveRole(sc, membership.role());
    if (role == null) {
      throw notFound(workspace);
    }
    if (!Arrays.asList(allowed).contains(role)) {
      throw new ApiException(
          ApiError.FORBIDDEN,
          "this operation needs the role "
              + String.join(" or ", Arrays.stream(allowed).map(Role::roleName).toList()));
    }
    return new Caller(principal.getName(), role, membership.organization());
  }

  /**
   * The caller, if its login holds the platform role {@code operator}.
   *
   * @throws ApiException 401 without a principal, 403 without the role
   */
  public Caller requireOperator(SecurityContext sc) {
    Principal principal = principal(sc);
    if (principal instanceof ApiKeyPrincipal || !sc.isUserInRole(Role.OPERATOR.roleName())) {
      throw new ApiException(ApiError.FORBIDDEN, "this operation needs the role operator");
    }
    return new Caller(principal.getName(), Role.OPERATOR, null);
  }

  /**
   * The principal's membership in {@code workspace}: an API key's comes from the key (its own
   * workspace only), a login's from the {@link WorkspaceMemberships}.
   */
  private Membership membership(Principal principal, String workspace) {
    if (principal instanceof ApiKeyPrincipal key) {
      return key.membershipIn(workspace).orElse(null);
    }
    return memberships.find(workspace, principal.getName()).orElse(null);
  }

  /** The same problem as for a workspace that does not exist. */
  public static CreditsException notFound(String workspace) {
    return new CreditsException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + workspace + "'");
  }

  private static Principal principal(SecurityContext sc) {
    Principal principal = sc == null ? null : sc.getUserPrincipal();
    if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
      throw new ApiException(
          ApiError.UNAUTHENTICATED,
          "authentication required",
          List.of(),
          Map.of(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"credits4j\""));
    }
    return principal;
  }

  /** The membership's role as far as the login's roles allow it; null when they allow none. */
  static Role effectiveRole(SecurityContext sc, Role member) {
    boolean admin = sc.isUserInRole(Role.ADMIN.roleName());
    boolean team = sc.isUserInRole(Role.TEAM.roleName());
    return switch (member) {
      case ADMIN -> admin ? Role.ADMIN : team ? Role.TEAM : null;
      case TEAM -> admin || team ? Role.TEAM : null;
      case CLIENT -> sc.isUserInRole(Role.CLIENT.roleName()) ? Role.CLIENT : null;
      case OPERATOR -> null;
    };
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
