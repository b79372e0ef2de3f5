package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.TransferRequest;
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

/** Transfers between two organizations of a workspace. Team only. */
@RequestScoped
@Path("/v1/workspaces/{ws}/transfers")
public class TransfersResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject CreditLedger ledger;

  /** {@code {fromOrganization, toOrganization, credits, reason?, description?}}. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response transfer(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f =
        Fields.of(body, "fromOrganization", "toOrganization", "credits", "reason", "description");
    String from = f.id("fromOrganization", REQUIRED, WalletRef.MAX_ORGANIZATION_LENGTH);
    String to = f.id("toOrganization", REQUIRED, WalletRef.MAX_ORGANIZATION_LENGTH);
    BigDecimal credits = f.credits("credits", REQUIRED);
    ReasonCode reason = f.enumValue("reason", ReasonCode.class, OPTIONAL);
    String description = f.string("description", OPTIONAL, LedgerEntryView.MAX_DESCRIPTION_LENGTH);
    f.check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.created(
                Dtos.transfer(
                    ledger.transfer(
                        new TransferRequest(
                            WalletRef.of(ws, from),
                            WalletRef.of(ws, to),
                            credits,
                            reason,
                            description,
                            caller.actor(),
                            sdkKey)))));
  }
}
