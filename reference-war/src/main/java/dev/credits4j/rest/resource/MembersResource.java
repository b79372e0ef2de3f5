package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.Workspaces;
import dev.credits4j.rest.dto.MemberResponse;
import dev.credits4j.rest.dto.PageResponse;
import dev.credits4j.rest.json.Fields;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.Presence;
import dev.credits4j.rest.json.RequestBodies;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.security.Access;
import dev.credits4j.rest.security.Membership;
import dev.credits4j.rest.security.Role;
import dev.credits4j.rest.security.WorkspaceMemberships;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.List;

/**
 * A workspace's members, for its admins: who is staff ({@code admin}, {@code team}) and which
 * client principal is bound to which organization. A workspace keeps at least one admin.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/members")
public class MembersResource {
  @Inject Access access;
  @Inject Workspaces workspaces;
  @Inject CreditLedger ledger;
  @Inject WorkspaceMemberships memberships;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(@PathParam("ws") String ws, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    workspaces.get(ws);
    List<MemberResponse> members = memberships.list(ws).stream().map(MemberResponse::of).toList();
    return JsonOutput.ok(new PageResponse<>(members, null));
  }

  @GET
  @Path("/{principal}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws,
      @PathParam("principal") String principal,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    workspaces.get(ws);
    return JsonOutput.ok(
        MemberResponse.of(
            memberships.find(ws, principal).orElseThrow(() -> noMember(ws, principal))));
  }

  /**
   * {@code {role: admin|team|client, organization?}}: adds the member (201) or changes its role
   * (200); {@code organization}, a registered organization of the workspace, is required for a
   * client and refused for staff.
   */
  @PUT
  @Path("/{principal}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response put(
      @PathParam("ws") String ws,
      @PathParam("principal") String principal,
      @Context SecurityContext sc,
      InputStream in) {
    access.require(sc, ws, Access.ADMIN);
    workspaces.get(ws);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "role", "organization");
    String problem = PrincipalNames.problem(principal);
    if (problem != null) {
      f.fail("principal", problem);
    }
    String roleName = f.string("role", REQUIRED, 20);
    Role role = roleName == null ? null : Role.named(roleName);
    if (roleName != null && (role == null || !role.isMemberRole())) {
      f.fail("role", "must be admin, team or client");
    }
    String organization =
        f.id(
            "organization",
            Presence.requiredIf(role == Role.CLIENT),
            WalletRef.MAX_ORGANIZATION_LENGTH);
    if (role != null && role != Role.CLIENT && f.has("organization")) {
      f.fail("organization", "applies to the role client only");
    }
    if (role == Role.CLIENT && organization != null && !registered(ws, organization)) {
      f.fail("organization", "is not an organization of workspace " + ws + ": register it first");
    }
    f.check();
    Membership m =
        role == Role.CLIENT
            ? Membership.client(ws, principal, organization)
            : Membership.staff(ws, principal, role);
    boolean added;
    try {
      added = memberships.save(m);
    } catch (UnsupportedOperationException e) {
      throw readOnly();
    }
    return added ? JsonOutput.created(MemberResponse.of(m)) : JsonOutput.ok(MemberResponse.of(m));
  }

  /** Removes the member; the workspace's last admin stays (409 {@code last-admin}). */
  @DELETE
  @Path("/{principal}")
  public Response remove(
      @PathParam("ws") String ws,
      @PathParam("principal") String principal,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    workspaces.get(ws);
    boolean removed;
    try {
      removed = memberships.remove(ws, principal);
    } catch (UnsupportedOperationException e) {
      throw readOnly();
    }
    if (!removed) {
      throw noMember(ws, principal);
    }
    return Response.noContent().build();
  }

  private boolean registered(String ws, String organization) {
    try {
      ledger.balance(WalletRef.of(ws, organization));
      return true;
    } catch (CreditsException e) {
      if (e.code() == ErrorCode.WALLET_NOT_FOUND || e.code() == ErrorCode.INVALID_REQUEST) {
        return false;
      }
      throw e;
    }
  }

  private static ApiException readOnly() {
    return new ApiException(
        ApiError.METHOD_NOT_ALLOWED,
        "this server's memberships come from its own directory: change them there");
  }

  private static ApiException noMember(String ws, String principal) {
    return new ApiException(ApiError.NOT_FOUND, "no member " + principal + " in workspace " + ws);
  }
}
