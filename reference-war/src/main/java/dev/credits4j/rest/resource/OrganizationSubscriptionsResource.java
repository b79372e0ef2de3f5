package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.OfferingId;
import dev.credits4j.api.SubscriptionRequest;
import dev.credits4j.api.Subscriptions;
import dev.credits4j.api.WalletRef;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import java.time.LocalDate;
import java.util.UUID;

/**
 * An organization's subscriptions to recurring offerings (docs/catalog.md): made and listed by the
 * organization's client or by the agency.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/organizations/{org}/subscriptions")
public class OrganizationSubscriptionsResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject Subscriptions subscriptions;

  /**
   * {@code {offeringId, startDate?}}: subscribes to a recurring offering; when it starts today (the
   * default) the first period is charged at once, and 402 when the wallet cannot cover it.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response subscribe(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "offeringId", "startDate");
    String offeringText = f.string("offeringId", REQUIRED, 36);
    OfferingId offering = null;
    if (offeringText != null) {
      try {
        offering = new OfferingId(UUID.fromString(offeringText));
      } catch (IllegalArgumentException e) {
        f.fail("offeringId", "must be an offering id (a UUID)");
      }
    }
    LocalDate start = OrganizationAllotmentsResource.date(f, "startDate", OPTIONAL);
    f.check();
    OfferingId offeringId = offering;
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.created(
                Dtos.subscription(
                    subscriptions.subscribe(
                        new SubscriptionRequest(
                            wallet, offeringId, start, caller.actor(), sdkKey)))));
  }

  /** The organization's subscriptions, oldest first. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    Params p = new Params();
    int n = p.limit(limit);
    p.check();
    return JsonOutput.ok(
        p.page(subscriptions.list(wallet), s -> s.id().toString(), Dtos::subscription, cursor, n));
  }
}
