package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.json.Fields;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.RequestBodies;
import dev.credits4j.rest.security.Access;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
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
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * A workspace's settings, for its admins. PUT changes an existing workspace only: creating one is
 * the operator's ({@code POST /v1/workspaces}, {@link WorkspacesResource}).
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/settings")
public class SettingsResource {
  @Inject Access access;
  @Inject Workspaces workspaces;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(@PathParam("ws") String ws, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    return JsonOutput.ok(Dtos.settings(workspaces.get(ws)));
  }

  /** The settings' fields of a request body. */
  static final String[] FIELDS = {
    "name",
    "creditsEnabled",
    "creditScale",
    "currency",
    "baseCreditRate",
    "defaultExpiryDays",
    "gracePeriodDays",
    "warningDays",
    "lowBalanceThreshold",
    "timeZone",
    "rolloverEnabled",
    "rolloverCapCredits",
    "rolloverCapPercent"
  };

  /** Replaces every setting of an existing workspace (absent fields take their defaults). */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response put(@PathParam("ws") String ws, @Context SecurityContext sc, InputStream in) {
    access.require(sc, ws, Access.ADMIN);
    workspaces.get(ws); // 404 for a workspace that does not exist: PUT creates none
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, FIELDS);
    WorkspaceSettings settings = settings(ws, f);
    return JsonOutput.ok(Dtos.settings(workspaces.update(settings)));
  }

  /**
   * The settings {@code f} holds for workspace {@code ws}; checks {@code f}, so every fault found
   * before (by the caller, too) is reported at once.
   */
  static WorkspaceSettings settings(String ws, Fields f) {
    String name = f.string("name", OPTIONAL, 200);
    boolean enabled = f.boolOr("creditsEnabled", true);
    Integer scale = f.integer("creditScale", OPTIONAL, 0, WorkspaceSettings.MAX_SCALE);
    CurrencyUnit currency = f.currency("currency", REQUIRED);
    MonetaryAmount rate = f.money("baseCreditRate", OPTIONAL, 4);
    Integer expiry = f.integer("defaultExpiryDays", OPTIONAL, 1, 36500);
    Integer grace = f.integer("gracePeriodDays", OPTIONAL, 0, 3650);
    List<Integer> warning = f.integers("warningDays", OPTIONAL, 1, 3650);
    BigDecimal lowBalance = f.creditsOrZero("lowBalanceThreshold", OPTIONAL);
    ZoneId zone = f.zone("timeZone", OPTIONAL);
    boolean rollover = f.boolOr("rolloverEnabled", false);
    BigDecimal capCredits = f.creditsOrZero("rolloverCapCredits", OPTIONAL);
    Integer capPercent = f.integer("rolloverCapPercent", OPTIONAL, 0, 100);
    f.check();
    WorkspaceSettings.Builder b = WorkspaceSettings.builder(ws, currency);
    b.name(name)
        .creditsEnabled(enabled)
        .creditScale(scale == null ? 0 : scale)
        .defaultExpiryDays(expiry)
        .gracePeriodDays(grace == null ? 0 : grace)
        .lowBalanceThreshold(lowBalance)
        .rolloverEnabled(rollover)
        .rolloverCapCredits(capCredits)
        .rolloverCapPercent(capPercent);
    if (rate != null) {
      b.baseCreditRate(rate);
    }
    if (warning != null) {
      b.warningDays(warning);
    }
    if (zone != null) {
      b.timeZone(zone);
    }
    return b.build();
  }
}
