package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.OfferingFilter;
import dev.credits4j.api.OfferingId;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.Offerings;
import dev.credits4j.api.PricingType;
import dev.credits4j.api.ServiceType;
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

/**
 * The services clients may request. Everyone reads them (clients see active ones only); admins
 * create and replace them.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/offerings")
public class OfferingsResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject Offerings offerings;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(
      @PathParam("ws") String ws,
      @QueryParam("active") String active,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    Params p = new Params();
    if (active != null && !active.equals("true") && !active.equals("false")) {
      p.fail("active", "must be true or false");
    }
    int n = p.limit(limit);
    p.check();
    OfferingFilter filter =
        caller.isClient() || "true".equals(active) ? OfferingFilter.ACTIVE : OfferingFilter.ALL;
    return JsonOutput.ok(
        p.page(offerings.list(ws, filter), v -> v.id().toString(), Dtos::offering, cursor, n));
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
    OfferingRequest request = request(body);
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.created(Dtos.offering(offerings.create(ws, request))));
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    OfferingView o = offerings.get(ws, offeringId(id));
    if (caller.isClient() && !o.active()) {
      throw new CreditsException(ErrorCode.OFFERING_NOT_FOUND, "no offering " + id);
    }
    return JsonOutput.ok(Dtos.offering(o));
  }

  /** Replaces every field of the offering. */
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
    OfferingId offeringId = offeringId(id);
    OfferingRequest request = request(RequestBodies.read(in, REQUIRED));
    return JsonOutput.ok(Dtos.offering(offerings.update(ws, offeringId, request)));
  }

  private static OfferingId offeringId(String id) {
    return Params.pathId(id, OfferingId::new, ErrorCode.OFFERING_NOT_FOUND, "offering");
  }

  static OfferingRequest request(JsonObject body) {
    Fields f =
        Fields.of(
            body,
            "name",
            "description",
            "pricingType",
            "creditsPerUnit",
            "unitSize",
            "unitLabel",
            "price",
            "concurrentRequestLimit",
            "totalRequestLimit",
            "active",
            "estimated",
            "holdTimeout",
            "reverseOnCancel",
            "deliveryNotes",
            "serviceType",
            "period");
    String name = f.string("name", REQUIRED, 200);
    PricingType type = f.enumValue("pricingType", PricingType.class, REQUIRED);
    OfferingRequest r =
        OfferingRequest.creditBased(name, null, null, null)
            .pricingType(type)
            .description(f.string("description", OPTIONAL, OfferingView.MAX_TEXT_LENGTH))
            .creditsPerUnit(f.credits("creditsPerUnit", OPTIONAL))
            .unitSize(f.credits("unitSize", OPTIONAL))
            .unitLabel(f.string("unitLabel", OPTIONAL, 64))
            .price(f.money("price", OPTIONAL, -1))
            .concurrentRequestLimit(f.integer("concurrentRequestLimit", OPTIONAL, 1, 1_000_000))
            .totalRequestLimit(f.integer("totalRequestLimit", OPTIONAL, 1, 1_000_000))
            .active(f.boolOr("active", true))
            .estimated(f.boolOr("estimated", false))
            .holdTimeout(f.duration("holdTimeout", OPTIONAL))
            .reverseOnCancel(f.boolOr("reverseOnCancel", true))
            .deliveryNotes(f.string("deliveryNotes", OPTIONAL, OfferingView.MAX_TEXT_LENGTH))
            .serviceType(f.enumValue("serviceType", ServiceType.class, OPTIONAL))
            .period(f.enumValue("period", AllotmentPeriod.class, OPTIONAL))
            .build();
    f.check();
    return r;
  }
}
