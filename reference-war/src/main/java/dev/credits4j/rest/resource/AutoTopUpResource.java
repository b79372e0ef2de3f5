package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AutoTopUpRequest;
import dev.credits4j.api.AutoTopUpView;
import dev.credits4j.api.AutoTopUps;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.PackageId;
import dev.credits4j.api.SavedPaymentMethod;
import dev.credits4j.api.WalletRef;
import dev.credits4j.rest.dto.AutoTopUpResponse;
import dev.credits4j.rest.dto.PageResponse;
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
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * An organization's auto top-up rule (docs/purchases.md, "Auto top-up"), its attempts and the
 * payment method it charges.
 *
 * <p>Who: the agency (admin, team) sets, pauses, resumes and deletes rules, and may save a payment
 * method the host collected itself. A client of the organization reads its own rule and attempts
 * and saves its own payment method through the gateway's setup page (it is the client's card), but
 * does not change the rule: the agency decides when and what it buys. Another organization's rule
 * is 404 for a client, as everything of another organization.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/organizations/{org}/auto-top-up")
public class AutoTopUpResource {
  /** The most attempts one answer lists. */
  static final int MAX_ATTEMPTS = 500;

  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject AutoTopUps topUps;
  @Inject CreditLedger ledger;

  /** The organization's rule; 404 {@code auto-top-up-not-found} when it has none. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("org") String org, @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    return JsonOutput.ok(AutoTopUpResponse.of(rule(wallet)));
  }

  /**
   * {@code {threshold, packageId | targetBalance, maxPerDay?, gateway, maxDeclines?}}: creates or
   * replaces the rule; it is ACTIVE with no declines counted. A saved payment method is kept.
   */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response put(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @Context SecurityContext sc,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    WalletRef wallet = access.wallet(caller, ws, org);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f =
        Fields.of(
            body, "threshold", "packageId", "targetBalance", "maxPerDay", "gateway", "maxDeclines");
    BigDecimal threshold = f.credits("threshold", REQUIRED);
    PackageId packageId = packageId(f);
    BigDecimal target = f.credits("targetBalance", OPTIONAL);
    Integer maxPerDay = f.integer("maxPerDay", OPTIONAL, 1, 100);
    String gateway = f.id("gateway", REQUIRED, 64);
    Integer maxDeclines = f.integer("maxDeclines", OPTIONAL, 1, 20);
    if (f.has("packageId") == f.has("targetBalance")) {
      f.fail("packageId", "or targetBalance is required, and not both");
    }
    if (threshold != null && target != null && target.compareTo(threshold) <= 0) {
      f.fail("targetBalance", "must be above the threshold " + threshold.toPlainString());
    }
    f.check();
    boolean existed = topUps.get(wallet).isPresent();
    AutoTopUpView set =
        topUps.set(
            new AutoTopUpRequest(
                wallet,
                threshold,
                packageId,
                target,
                maxPerDay == null ? 1 : maxPerDay,
                gateway,
                maxDeclines,
                caller.actor()));
    return existed
        ? JsonOutput.ok(AutoTopUpResponse.of(set))
        : JsonOutput.created(AutoTopUpResponse.of(set));
  }

  /** Deletes the rule; its attempts stay listed. 404 when there is none. */
  @DELETE
  public Response delete(
      @PathParam("ws") String ws, @PathParam("org") String org, @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    WalletRef wallet = access.wallet(caller, ws, org);
    rule(wallet);
    if (!topUps.delete(wallet, caller.actor())) {
      throw noRule(wallet);
    }
    return Response.noContent().build();
  }

  /** {@code {}}: pauses the rule; triggers are recorded as SKIPPED until it is resumed. */
  @POST
  @Path("/pause")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response pause(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return change(ws, org, key, sc, uri, in, topUps::pause);
  }

  /**
   * {@code {}}: resumes the rule, paused by a person or after too many declined payments: ACTIVE,
   * declines counted from zero.
   */
  @POST
  @Path("/resume")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response resume(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return change(ws, org, key, sc, uri, in, topUps::resume);
  }

  /** The organization's attempts, newest first, at most {@code limit} (1 to 500, default 50). */
  @GET
  @Path("/attempts")
  @Produces(MediaType.APPLICATION_JSON)
  public Response attempts(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    Params p = new Params();
    int n = p.limit(limit);
    p.check();
    ledger.balance(wallet); // an unknown organization is 404, as on every org path
    return JsonOutput.ok(
        new PageResponse<>(
            topUps.attempts(wallet, n).stream().map(AutoTopUpResponse::attempt).toList(), null));
  }

  /**
   * {@code {gateway?}} (default: the rule's): starts saving a payment method for off-session
   * charges, e.g. a Stripe Checkout Session in setup mode; the client opens {@code url}, and once
   * it is complete Stripe's {@code checkout.session.completed} webhook saves it, as does {@code
   * .../payment-method/complete} with {@code reference} when the gateway sends the client back.
   */
  @POST
  @Path("/payment-method/setup")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response startSetup(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields f = Fields.of(body, "gateway");
    String gateway = f.id("gateway", OPTIONAL, 64);
    f.check();
    String name = gateway != null ? gateway : rule(wallet).gateway();
    // The gateway is called: outside the key's transaction.
    return idempotency.executeOutside(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.created(
                AutoTopUpResponse.setup(
                    topUps.startPaymentMethodSetup(wallet, name, caller.actor()))));
  }

  /**
   * {@code {reference}}: saves the payment method of a completed setup, as the gateway reports it
   * for {@code reference} (never as the caller says); 409 {@code payment-method-setup} while the
   * setup is not complete or the gateway does not know it.
   */
  @POST
  @Path("/payment-method/complete")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response completeSetup(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "reference");
    String reference = f.id("reference", REQUIRED, 255);
    f.check();
    return idempotency.executeOutside(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.ok(
                AutoTopUpResponse.of(
                    topUps.completePaymentMethodSetup(wallet, reference, caller.actor()))));
  }

  /**
   * {@code {customer, paymentMethod}}: saves a payment method the host collected itself with the
   * rule's gateway (e.g. a Stripe customer {@code cus_...} and payment method {@code pm_...}).
   */
  @PUT
  @Path("/payment-method")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response savePaymentMethod(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @Context SecurityContext sc,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    WalletRef wallet = access.wallet(caller, ws, org);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "customer", "paymentMethod");
    String customer = f.id("customer", REQUIRED, 255);
    String method = f.id("paymentMethod", REQUIRED, 255);
    f.check();
    AutoTopUpView rule = rule(wallet);
    return JsonOutput.ok(
        AutoTopUpResponse.of(
            topUps.savePaymentMethod(
                wallet, new SavedPaymentMethod(rule.gateway(), customer, method), caller.actor())));
  }

  private Response change(
      String ws,
      String org,
      String key,
      SecurityContext sc,
      UriInfo uri,
      InputStream in,
      BiFunction<WalletRef, Actor, AutoTopUpView> operation) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    WalletRef wallet = access.wallet(caller, ws, org);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields.of(body).check();
    rule(wallet);
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.ok(AutoTopUpResponse.of(operation.apply(wallet, caller.actor()))));
  }

  /** The rule, or 404 (an unknown organization is {@code wallet-not-found}). */
  private AutoTopUpView rule(WalletRef wallet) {
    return topUps.get(wallet).orElseThrow(() -> noRule(wallet));
  }

  private static CreditsException noRule(WalletRef wallet) {
    return new CreditsException(
        ErrorCode.AUTO_TOP_UP_NOT_FOUND,
        "organization " + wallet.organization() + " has no auto top-up rule");
  }

  private static PackageId packageId(Fields f) {
    String text = f.string("packageId", OPTIONAL, 36);
    if (text == null) {
      return null;
    }
    try {
      return new PackageId(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      f.fail("packageId", "must be a package id (a UUID)");
      return null;
    }
  }
}
