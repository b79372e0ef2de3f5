package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.OfferingId;
import dev.credits4j.api.RequestStatus;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.ServiceRequests;
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
import java.math.BigDecimal;
import java.util.UUID;

/** Service requests of an organization: a client for its own organization, the team for any. */
@RequestScoped
@Path("/v1/workspaces/{ws}/organizations/{org}/requests")
public class OrganizationRequestsResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject ServiceRequests requests;

  /**
   * {@code {offeringId, units, notes?}}: checks the limits, computes the cost and debits it (or
   * holds it, for an estimated offering) in one transaction; 402 when credits fall short, 409 when
   * a concurrency limit is reached.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "offeringId", "units", "notes");
    String offeringText = f.string("offeringId", REQUIRED, 36);
    OfferingId offering = null;
    if (offeringText != null) {
      try {
        offering = new OfferingId(UUID.fromString(offeringText));
      } catch (IllegalArgumentException e) {
        f.fail("offeringId", "must be an offering id (a UUID)");
      }
    }
    BigDecimal units = f.credits("units", REQUIRED);
    String notes = f.string("notes", OPTIONAL, ServiceRequestView.MAX_NOTES_LENGTH);
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
                Dtos.request(
                    requests.create(
                        new NewServiceRequest(
                            wallet, offeringId, units, notes, caller.actor(), sdkKey)))));
  }

  /**
   * What {@code units} of the offering would cost the organization now, and whether it can pay:
   * nothing is reserved or changed.
   */
  @GET
  @Path("/preview")
  @Produces(MediaType.APPLICATION_JSON)
  public Response preview(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @QueryParam("offeringId") String offeringText,
      @QueryParam("units") String unitsText,
      @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    Params p = new Params();
    OfferingId offering = null;
    if (offeringText == null) {
      p.fail("offeringId", "is required");
    } else {
      try {
        offering = new OfferingId(UUID.fromString(offeringText));
      } catch (IllegalArgumentException e) {
        p.fail("offeringId", "must be an offering id (a UUID)");
      }
    }
    BigDecimal units = p.decimal("units", unitsText, REQUIRED);
    p.check();
    return JsonOutput.ok(Dtos.preview(requests.preview(wallet, offering, units)));
  }

  /** The organization's requests, newest first; {@code status} filters. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @QueryParam("status") String status,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    Params p = new Params();
    RequestStatus s = p.enumValue("status", status, RequestStatus.class);
    int n = p.limit(limit);
    p.check();
    return JsonOutput.ok(
        p.page(requests.list(wallet, s), v -> v.id().toString(), Dtos::request, cursor, n));
  }
}
