package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.idempotency.Idempotency;
import dev.credits4j.rest.json.Fields;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.RequestBodies;
import dev.credits4j.rest.security.Access;
import dev.credits4j.rest.security.Caller;
import dev.credits4j.rest.security.Membership;
import dev.credits4j.rest.security.Role;
import dev.credits4j.rest.security.WorkspaceMemberships;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creating a workspace: the platform operator's only operation. The body is the workspace's {@code
 * key}, its first {@code admins} (principal names; they manage its members from then on) and its
 * settings, as {@code PUT .../settings} takes them.
 */
@RequestScoped
@Path("/v1/workspaces")
public class WorkspacesResource {
  /** At most this many first admins. */
  static final int ADMINS_MAX = 20;

  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject Workspaces workspaces;
  @Inject WorkspaceMemberships memberships;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(
      @HeaderParam(Idempotency.HEADER) String idempotencyKey,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.requireOperator(sc);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    List<String> allowed = new ArrayList<>(List.of("key", "admins"));
    allowed.addAll(List.of(SettingsResource.FIELDS));
    Fields f = Fields.of(body, allowed.toArray(String[]::new));
    String key = f.id("key", REQUIRED, WalletRef.MAX_WORKSPACE_LENGTH);
    Set<String> admins = admins(f, body);
    WorkspaceSettings settings = SettingsResource.settings(key, f);
    // The memberships are written by the directory's own transactions: outside the key's.
    return idempotency.executeOutside(
        caller,
        key,
        idempotencyKey,
        uri.getPath(),
        body,
        unused -> {
          WorkspaceSettings created = workspaces.create(settings); // 409 when the key is taken
          try {
            for (String admin : admins) {
              memberships.save(Membership.staff(created.key(), admin, Role.ADMIN));
            }
          } catch (UnsupportedOperationException e) {
            // a read-only directory (the host's own WorkspaceMemberships) says who the admins are
          }
          return JsonOutput.created(Dtos.settings(created));
        });
  }

  private static Set<String> admins(Fields f, JsonObject body) {
    Set<String> admins = new LinkedHashSet<>();
    if (!f.has("admins")) {
      f.fail("admins", "is required: the principals who manage the new workspace");
      return admins;
    }
    JsonValue v = body.get("admins");
    if (!(v instanceof JsonArray array) || array.isEmpty() || array.size() > ADMINS_MAX) {
      f.fail("admins", "must be an array of 1 to " + ADMINS_MAX + " principal names");
      return admins;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonValue item = array.get(i);
      String problem =
          item instanceof JsonString s ? PrincipalNames.problem(s.getString()) : "must be a string";
      if (problem != null) {
        f.fail("admins[" + i + "]", problem);
      } else {
        admins.add(((JsonString) item).getString());
      }
    }
    return admins;
  }
}
