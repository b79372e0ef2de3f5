package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.SubscriptionId;
import dev.credits4j.api.SubscriptionView;
import dev.credits4j.api.Subscriptions;
import dev.credits4j.rest.dto.Dtos;
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
import java.util.function.BiFunction;

/**
 * One subscription by id: read, its charged periods, pause, resume, cancel. The organization's
 * client (its own subscriptions only) or the agency.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/subscriptions/{id}")
public class SubscriptionsResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject Subscriptions subscriptions;

  /** The subscription, if it is of this workspace and the caller may see its organization. */
  private SubscriptionView visible(Caller caller, String ws, String id) {
    SubscriptionId subscription =
        Params.pathId(id, SubscriptionId::new, ErrorCode.SUBSCRIPTION_NOT_FOUND, "subscription");
    SubscriptionView s = subscriptions.get(subscription);
    if (!s.wallet().workspace().equals(ws)) {
      throw new CreditsException(ErrorCode.SUBSCRIPTION_NOT_FOUND, "no subscription " + id);
    }
    access.requireVisible(
        caller, s.wallet(), ErrorCode.SUBSCRIPTION_NOT_FOUND, "no subscription " + id);
    return s;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    return JsonOutput.ok(Dtos.subscription(visible(caller, ws, id)));
  }

  /** The periods the subscription was charged for, in order. */
  @GET
  @Path("/charges")
  @Produces(MediaType.APPLICATION_JSON)
  public Response charges(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    SubscriptionView s = visible(caller, ws, id);
    return JsonOutput.ok(
        new PageResponse<>(
            subscriptions.charges(s.id()).stream().map(Dtos::subscriptionCharge).toList(), null));
  }

  /** Stops charging, after charging the periods already started. */
  @POST
  @Path("/pause")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response pause(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return change(ws, id, key, sc, uri, in, subscriptions::pause);
  }

  /** Charges the running period (402 when the wallet cannot cover it) and goes on. */
  @POST
  @Path("/resume")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response resume(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return change(ws, id, key, sc, uri, in, subscriptions::resume);
  }

  /** Stops the subscription for good; charges already made stay. */
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
    return change(ws, id, key, sc, uri, in, subscriptions::cancel);
  }

  private Response change(
      String ws,
      String id,
      String key,
      SecurityContext sc,
      UriInfo uri,
      InputStream in,
      BiFunction<SubscriptionId, Actor, SubscriptionView> operation) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    SubscriptionView s = visible(caller, ws, id);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields.of(body).check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.ok(Dtos.subscription(operation.apply(s.id(), caller.actor()))));
  }
}
