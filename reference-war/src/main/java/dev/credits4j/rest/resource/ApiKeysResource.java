package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.Workspaces;
import dev.credits4j.rest.dto.ApiKeyResponse;
import dev.credits4j.rest.dto.PageResponse;
import dev.credits4j.rest.idempotency.Idempotency;
import dev.credits4j.rest.json.Fields;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.Presence;
import dev.credits4j.rest.json.RequestBodies;
import dev.credits4j.rest.json.TextChecks;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.security.Access;
import dev.credits4j.rest.security.ApiKey;
import dev.credits4j.rest.security.ApiKeys;
import dev.credits4j.rest.security.Caller;
import dev.credits4j.rest.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A workspace's API keys, for its admins: machine clients that call the API with {@code
 * Authorization: Bearer <key>} as a team member or as the client of one organization, in this
 * workspace only. The key's text is in the answer to its creation only; lists never show it.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/api-keys")
public class ApiKeysResource {
  @Inject Access access;
  @Inject Workspaces workspaces;
  @Inject CreditLedger ledger;
  @Inject ApiKeys keys;
  @Inject Instance<Clock> clock;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(@PathParam("ws") String ws, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    workspaces.get(ws);
    Instant now = now();
    List<ApiKeyResponse> items =
        keys.list(ws).stream().map(k -> ApiKeyResponse.of(k, now)).toList();
    return JsonOutput.ok(new PageResponse<>(items, null));
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    workspaces.get(ws);
    return JsonOutput.ok(ApiKeyResponse.of(found(ws, id), now()));
  }

  /**
   * {@code {label, role: team|client, organization?, expiresAt?}}: 201 with the key's text in
   * {@code key}, shown this once. {@code organization}, a registered organization of the workspace,
   * is required for a client key and refused for a team key; {@code expiresAt} must be in the
   * future. A repeated create under the same Idempotency-Key answers 201 with the same key, without
   * its text, and {@code Idempotent-Replayed: true}.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String idempotencyKey,
      @Context SecurityContext sc,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ADMIN);
    workspaces.get(ws);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "label", "role", "organization", "expiresAt");
    String label = f.string("label", REQUIRED, ApiKeys.LABEL_MAX);
    if (label != null) {
      String problem = TextChecks.idFault(label);
      if (problem != null) {
        f.fail("label", problem);
      }
    }
    String roleName = f.string("role", REQUIRED, 20);
    Role role = roleName == null ? null : Role.named(roleName);
    if (roleName != null && role != Role.TEAM && role != Role.CLIENT) {
      f.fail("role", "must be team or client (an API key is never an admin)");
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
    Instant expiresAt = f.instant("expiresAt", OPTIONAL);
    Instant now = now();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      f.fail("expiresAt", "must be in the future");
    }
    if (idempotencyKey != null && !printableAscii(idempotencyKey)) {
      f.fail(Idempotency.HEADER, "must be 1 to 255 printable ASCII characters");
    }
    f.check();
    ApiKeys.Created created =
        keys.create(
            ws,
            label,
            role,
            role == Role.CLIENT ? organization : null,
            expiresAt,
            caller.name(),
            idempotencyKey);
    if (created.replayed()) {
      return Response.fromResponse(JsonOutput.created(ApiKeyResponse.of(created.key(), now)))
          .header(Idempotency.REPLAYED, "true")
          .build();
    }
    return JsonOutput.created(ApiKeyResponse.withSecret(created.key(), now, created.token()));
  }

  /** Revokes the key at once (200 with the key); revoking a revoked key changes nothing. */
  @DELETE
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response revoke(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ADMIN);
    workspaces.get(ws);
    ApiKey key = keys.revoke(ws, id, caller.name()).orElseThrow(() -> noKey(ws, id));
    return JsonOutput.ok(ApiKeyResponse.of(key, now()));
  }

  private ApiKey found(String ws, String id) {
    return keys.find(ws, id).orElseThrow(() -> noKey(ws, id));
  }

  private Instant now() {
    return (clock.isResolvable() ? clock.get() : Clock.systemUTC()).instant();
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

  private static boolean printableAscii(String key) {
    boolean ok = !key.isBlank() && key.length() <= 255;
    for (int i = 0; ok && i < key.length(); i++) {
      char c = key.charAt(i);
      ok = c >= 0x20 && c < 0x7f;
    }
    return ok;
  }

  private static ApiException noKey(String ws, String id) {
    return new ApiException(ApiError.NOT_FOUND, "no API key " + id + " in workspace " + ws);
  }
}
