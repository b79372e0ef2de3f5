package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;

import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.ServiceRequestId;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.ServiceRequests;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.math.BigDecimal;

/**
 * One service request by id: read or cancel it (its client too), start or deliver it (team). A
 * client's view of another organization's request is 404.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/requests/{id}")
public class RequestsResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject ServiceRequests requests;

  private ServiceRequestView visible(Caller caller, String ws, String id) {
    ServiceRequestId requestId =
        Params.pathId(id, ServiceRequestId::new, ErrorCode.REQUEST_NOT_FOUND, "service request");
    ServiceRequestView r = requests.get(ws, requestId);
    access.requireVisible(
        caller, r.wallet(), ErrorCode.REQUEST_NOT_FOUND, "no service request " + id);
    return r;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    return JsonOutput.ok(Dtos.request(visible(caller, ws, id)));
  }

  /** {@code {reason?}}: cancels; an OPEN request's credits go back to their lots. */
  @POST
  @Path("/cancel")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response cancel(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    ServiceRequestView r = visible(caller, ws, id);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields f = Fields.of(body, "reason");
    String reason = f.string("reason", OPTIONAL, ServiceRequestView.MAX_REASON_LENGTH);
    f.check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.ok(
                Dtos.request(requests.cancel(r.wallet(), r.id(), reason, caller.actor()))));
  }

  /** OPEN → IN_PROGRESS; team only. */
  @POST
  @Path("/start")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response start(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    ServiceRequestView r = visible(caller, ws, id);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields.of(body).check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.ok(Dtos.request(requests.start(r.wallet(), r.id(), caller.actor()))));
  }

  /**
   * {@code {actualUnits?}}: delivers; an estimated request's hold is captured at the cost of the
   * actual units (the estimate when absent). Team only.
   */
  @POST
  @Path("/deliver")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response deliver(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    ServiceRequestView r = visible(caller, ws, id);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields f = Fields.of(body, "actualUnits");
    BigDecimal actualUnits = f.credits("actualUnits", OPTIONAL);
    f.check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.ok(
                Dtos.request(requests.deliver(r.wallet(), r.id(), actualUnits, caller.actor()))));
  }
}
