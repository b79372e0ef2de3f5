package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.PackageId;
import dev.credits4j.api.PaymentStart;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
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
import java.util.UUID;

/** An organization buying credit packages: a client for its own organization, the team for any. */
@RequestScoped
@Path("/v1/workspaces/{ws}/organizations/{org}/purchases")
public class OrganizationPurchasesResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject Purchases purchases;
  @Inject CreditLedger ledger;

  /**
   * {@code {packageId, gateway?}}: creates the purchase and starts its payment; through the manual
   * gateway it stays PENDING until a team member confirms it; through a hosted checkout (Stripe) it
   * stays PENDING and the answer's {@code checkoutUrl} is where the buyer pays.
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
    Fields f = Fields.of(body, "packageId", "gateway");
    String packageText = f.string("packageId", REQUIRED, 36);
    PackageId packageId = null;
    if (packageText != null) {
      try {
        packageId = new PackageId(UUID.fromString(packageText));
      } catch (IllegalArgumentException e) {
        f.fail("packageId", "must be a package id (a UUID)");
      }
    }
    String gateway = f.string("gateway", OPTIONAL, 64);
    f.check();
    PackageId pkg = packageId;
    // Starting the payment calls the gateway: outside the key's transaction.
    return idempotency.executeOutside(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> {
          PurchaseView created =
              purchases.create(new PurchaseRequest(wallet, pkg, gateway, caller.actor(), sdkKey));
          PaymentStart started = purchases.startCheckout(created.id());
          return JsonOutput.created(Dtos.purchase(started.purchase(), started.redirectUrl()));
        });
  }

  /** The organization's purchases, newest first, a page at a time. */
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
    ledger.balance(wallet); // an unknown workspace or organization is 404, as on every org path
    return JsonOutput.ok(
        p.page(purchases.list(wallet), v -> v.id().toString(), Dtos::purchase, cursor, n));
  }
}
