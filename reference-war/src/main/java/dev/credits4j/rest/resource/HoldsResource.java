package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HoldId;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
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

/** One hold by id: read, capture at the real cost, or release. Team only. */
@RequestScoped
@Path("/v1/workspaces/{ws}/holds/{id}")
public class HoldsResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject CreditLedger ledger;

  private HoldView inWorkspace(String ws, String id) {
    HoldId holdId = Params.pathId(id, HoldId::new, ErrorCode.HOLD_NOT_FOUND, "hold");
    HoldView h = ledger.getHold(holdId);
    if (!h.wallet().workspace().equals(ws)) {
      throw new CreditsException(ErrorCode.HOLD_NOT_FOUND, "no hold " + id);
    }
    return h;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    return JsonOutput.ok(Dtos.hold(inWorkspace(ws, id)));
  }

  /** {@code {credits, description?}}: debits the real cost and releases the rest. */
  @POST
  @Path("/capture")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response capture(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    HoldView h = inWorkspace(ws, id);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "credits", "description");
    BigDecimal credits = f.credits("credits", REQUIRED);
    String description = f.string("description", OPTIONAL, LedgerEntryView.MAX_DESCRIPTION_LENGTH);
    f.check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.ok(
                Dtos.capture(
                    ledger.capture(
                        new CaptureRequest(
                            h.id(), credits, description, caller.actor(), sdkKey)))));
  }

  /** Releases the hold without debiting anything. */
  @POST
  @Path("/release")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response release(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    HoldView h = inWorkspace(ws, id);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields.of(body).check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.ok(Dtos.hold(ledger.release(h.id(), caller.actor(), sdkKey))));
  }
}
