package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.PaymentStart;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseRefundView;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
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
import java.util.UUID;

/** One purchase by id: read it (its client too), confirm a manual payment, refund (team). */
@RequestScoped
@Path("/v1/workspaces/{ws}/purchases/{id}")
public class PurchasesResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject Purchases purchases;

  /** The purchase, if it is of this workspace and the caller may see its organization. */
  private PurchaseView visible(Caller caller, String ws, String id) {
    PurchaseId purchaseId =
        Params.pathId(id, PurchaseId::new, ErrorCode.PURCHASE_NOT_FOUND, "purchase");
    PurchaseView p = purchases.get(purchaseId);
    if (!p.wallet().workspace().equals(ws)) {
      throw new CreditsException(ErrorCode.PURCHASE_NOT_FOUND, "no purchase " + id);
    }
    access.requireVisible(caller, p.wallet(), ErrorCode.PURCHASE_NOT_FOUND, "no purchase " + id);
    return p;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    return JsonOutput.ok(Dtos.purchase(visible(caller, ws, id)));
  }

  /**
   * {@code {}}: the page where the buyer pays a PENDING purchase through a hosted checkout (Stripe
   * Checkout), asked of the gateway again (Stripe answers the same session): the purchase with its
   * {@code checkoutUrl} (absent for a gateway with no page, e.g. manual). 409 {@code
   * purchase-state} when the purchase is no longer PENDING.
   */
  @POST
  @Path("/checkout")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response checkout(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    PurchaseView p = visible(caller, ws, id);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields.of(body).check();
    if (p.status() != PurchaseStatus.PENDING) {
      throw new CreditsException(
          ErrorCode.PURCHASE_STATE,
          "purchase " + id + " is " + p.status() + ", not PENDING: there is nothing to pay");
    }
    // Asking the gateway: outside the key's transaction.
    return idempotency.executeOutside(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> {
          PaymentStart started = purchases.startCheckout(p.id());
          return JsonOutput.ok(Dtos.purchase(started.purchase(), started.redirectUrl()));
        });
  }

  /** {@code {reference}}: a team member confirms a manual payment arrived; credits follow. */
  @POST
  @Path("/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response confirm(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    PurchaseView p = visible(caller, ws, id);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "reference");
    String reference = f.string("reference", REQUIRED, 255);
    f.check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.ok(
                Dtos.purchase(purchases.confirmManualPayment(p.id(), caller.actor(), reference))));
  }

  /**
   * {@code {credits?}}: refunds unused credits (all when absent) and their money; team only. 201
   * when the gateway accepted the refund (SENT); 202 when it is PENDING (the gateway refused it or
   * could not be reached: the credits are removed, the money is owed, and the resend job or {@code
   * .../refunds/{refundId}/resend} sends it); 200 for a replay of a refund given up on (FAILED).
   */
  @POST
  @Path("/refund")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response refund(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    PurchaseView p = visible(caller, ws, id);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields f = Fields.of(body, "credits");
    BigDecimal credits = f.credits("credits", OPTIONAL);
    f.check();
    // The refund calls the gateway: outside the key's transaction.
    return idempotency.executeOutside(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> refundResponse(purchases.refund(p.id(), credits, caller.actor(), sdkKey)));
  }

  /** 201 for a refund the gateway took, 202 for one still owed, 200 for one given up on. */
  private static Response refundResponse(PurchaseRefundView r) {
    int status =
        switch (r.status()) {
          case SENT -> 201;
          case PENDING -> 202;
          case FAILED -> 200;
        };
    return JsonOutput.json(status, Dtos.refund(r));
  }

  /** The refund of this purchase, visible to the caller, or 404. */
  private PurchaseRefundView refundOf(Caller caller, String ws, String id, String refundId) {
    PurchaseView p = visible(caller, ws, id);
    String rid = Params.pathId(refundId, UUID::toString, ErrorCode.PURCHASE_NOT_FOUND, "refund");
    PurchaseRefundView r = purchases.getRefund(rid);
    if (!r.purchase().id().equals(p.id())) {
      throw new CreditsException(ErrorCode.PURCHASE_NOT_FOUND, "no refund " + refundId);
    }
    return r;
  }

  /**
   * {@code {}}: sends a PENDING refund to the gateway again; team only. 200 with the refund as it
   * stands after (SENT, or still PENDING with the gateway's reason); 409 for a FAILED one.
   */
  @POST
  @Path("/refunds/{refundId}/resend")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response resendRefund(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @PathParam("refundId") String refundId,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    PurchaseRefundView r = refundOf(caller, ws, id, refundId);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields.of(body).check();
    // Resending calls the gateway: outside the key's transaction.
    return idempotency.executeOutside(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.ok(Dtos.refund(purchases.resendRefund(r.id(), caller.actor()))));
  }

  /**
   * {@code {reason}}: gives up on a PENDING refund (FAILED: never sent again; the credits stay
   * removed and the money stays owed, to be paid outside the gateway); team only. 409 for a SENT
   * one.
   */
  @POST
  @Path("/refunds/{refundId}/fail")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response failRefund(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @PathParam("refundId") String refundId,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    PurchaseRefundView r = refundOf(caller, ws, id, refundId);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "reason");
    String reason = f.string("reason", REQUIRED, 500);
    f.check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.ok(Dtos.refund(purchases.failRefund(r.id(), caller.actor(), reason))));
  }
}
