package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.AnnouncementRequest;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PackageFilter;
import dev.credits4j.api.PackageId;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.PackageRollover;
import dev.credits4j.api.Promotions;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.idempotency.Idempotency;
import dev.credits4j.rest.json.Fields;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.RequestBodies;
import dev.credits4j.rest.security.Access;
import dev.credits4j.rest.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.math.BigDecimal;

/** The team's view of the credit packages; admins create, replace and deactivate them. */
@RequestScoped
@Path("/v1/workspaces/{ws}/packages")
public class PackagesResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject PackageCatalog catalog;
  @Inject Promotions promotions;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(
      @PathParam("ws") String ws,
      @QueryParam("status") String status,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    Params p = new Params();
    PackageFilter filter = p.enumValue("status", status, PackageFilter.class);
    int n = p.limit(limit);
    p.check();
    return JsonOutput.ok(
        p.page(
            catalog.list(ws, filter == null ? PackageFilter.ALL : filter),
            v -> v.id().toString(),
            Dtos::pkg,
            cursor,
            n));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ADMIN);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    PackageRequest request = request(body);
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.created(Dtos.pkg(catalog.create(ws, request))));
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    return JsonOutput.ok(Dtos.pkg(catalog.get(ws, packageId(id))));
  }

  /** Replaces every field of the package. */
  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response update(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @Context SecurityContext sc,
      InputStream in) {
    access.require(sc, ws, Access.ADMIN);
    PackageId packageId = packageId(id);
    PackageRequest request = request(RequestBodies.read(in, REQUIRED));
    return JsonOutput.ok(Dtos.pkg(catalog.update(ws, packageId, request)));
  }

  /** Deactivates the package (never deletes it: purchases refer to it). */
  @DELETE
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response deactivate(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    return JsonOutput.ok(Dtos.pkg(catalog.deactivate(ws, packageId(id))));
  }

  /**
   * {@code {message?}}: announces the package to every client organization of the workspace not
   * told about it yet, one notification each through the outbox (e-mail, webhook {@code
   * promotion.announced}); announcing again reaches only organizations registered since.
   */
  @POST
  @Path("/{id}/announce")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response announce(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    PackageId packageId = packageId(id);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields f = Fields.of(body, "message");
    String message = f.string("message", OPTIONAL, AnnouncementRequest.MESSAGE_MAX);
    f.check();
    return idempotency.executeOutside(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.ok(
                Dtos.announcement(
                    promotions.announce(
                        new AnnouncementRequest(ws, packageId, message, caller.actor())))));
  }

  private static PackageId packageId(String id) {
    return Params.pathId(id, PackageId::new, ErrorCode.PACKAGE_NOT_FOUND, "package");
  }

  static PackageRequest request(JsonObject body) {
    Fields f =
        Fields.of(
            body,
            "name",
            "credits",
            "bonusCredits",
            "price",
            "description",
            "expiryDays",
            "rollover",
            "active",
            "featured",
            "shownInCatalog",
            "promotionStartsAt",
            "promotionEndsAt",
            "purchaseLimitPerOrganization",
            "sortOrder");
    PackageRequest r =
        PackageRequest.builder(
                f.string("name", REQUIRED, 200),
                f.credits("credits", REQUIRED),
                f.money("price", REQUIRED, -1))
            .bonusCredits(orZero(f.creditsOrZero("bonusCredits", OPTIONAL)))
            .description(
                f.string("description", OPTIONAL, CreditPackageView.MAX_DESCRIPTION_LENGTH))
            .expiryDays(f.integer("expiryDays", OPTIONAL, 1, 36500))
            .rollover(rollover(f))
            .active(f.boolOr("active", true))
            .featured(f.boolOr("featured", false))
            .shownInCatalog(f.boolOr("shownInCatalog", true))
            .promotionWindow(
                f.instant("promotionStartsAt", OPTIONAL), f.instant("promotionEndsAt", OPTIONAL))
            .purchaseLimitPerOrganization(
                f.integer("purchaseLimitPerOrganization", OPTIONAL, 1, 1_000_000))
            .sortOrder(orZero(f.integer("sortOrder", OPTIONAL, -1_000_000, 1_000_000)))
            .build();
    f.check();
    return r;
  }

  /**
   * {@code "rollover": {"enabled": true, "capCredits": 100, "capPercent": 50}}, or null or absent
   * to follow the workspace's rollover settings. The SDK checks the rest (caps only when enabled,
   * the credit cap within the workspace's scale).
   */
  private static PackageRollover rollover(Fields f) {
    Fields r = f.object("rollover", "enabled", "capCredits", "capPercent");
    if (r == null) {
      return null;
    }
    if (!r.has("enabled")) {
      r.fail("enabled", "is required: true or false");
    }
    return new PackageRollover(
        r.boolOr("enabled", false),
        r.credits("capCredits", OPTIONAL),
        r.integer("capPercent", OPTIONAL, 1, 100));
  }

  private static BigDecimal orZero(BigDecimal d) {
    return d == null ? BigDecimal.ZERO : d;
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }
}
