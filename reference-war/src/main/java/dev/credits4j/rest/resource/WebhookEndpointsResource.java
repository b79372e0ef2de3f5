package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.WebhookDelivery;
import dev.credits4j.api.WebhookDeliveryPage;
import dev.credits4j.api.WebhookEndpoint;
import dev.credits4j.api.WebhookEndpointStatus;
import dev.credits4j.api.WebhookEventType;
import dev.credits4j.api.WebhookSecret;
import dev.credits4j.api.Webhooks;
import dev.credits4j.rest.dto.PageResponse;
import dev.credits4j.rest.dto.WebhookDeliveryResponse;
import dev.credits4j.rest.dto.WebhookEndpointResponse;
import dev.credits4j.rest.dto.WebhookSecretResponse;
import dev.credits4j.rest.idempotency.Idempotency;
import dev.credits4j.rest.json.Fields;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.Presence;
import dev.credits4j.rest.json.RequestBodies;
import dev.credits4j.rest.security.Access;
import dev.credits4j.rest.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A workspace's signed webhook endpoints (docs/webhooks.md), for its admins: register (the secret
 * is in that answer only), list, read, replace, delete, rotate the secret, read the delivery log,
 * replay one event.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/webhook-endpoints")
public class WebhookEndpointsResource {
  /** The overlap of a rotation unless the request names one. */
  static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject Webhooks webhooks;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(@PathParam("ws") String ws, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    return JsonOutput.ok(
        new PageResponse<>(
            webhooks.list(ws).stream().map(WebhookEndpointsResource::endpoint).toList(), null));
  }

  /** {@code {url, eventTypes, description?}}: 201 with the endpoint and its secret. */
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
    Fields f = Fields.of(body, "url", "eventTypes", "description");
    URI url = url(f, REQUIRED);
    Set<WebhookEventType> types = eventTypes(body, f, REQUIRED);
    String description = f.string("description", OPTIONAL, WebhookEndpoint.MAX_DESCRIPTION_LENGTH);
    f.check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.created(secret(webhooks.create(ws, url, types, description))));
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    return JsonOutput.ok(endpoint(webhooks.get(ws, id)));
  }

  /**
   * {@code {url, eventTypes, description?, status}}: replaces the endpoint's settings (an absent
   * description clears it). {@code status: ENABLED} on a disabled endpoint clears its failures.
   */
  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response put(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @Context SecurityContext sc,
      InputStream in) {
    access.require(sc, ws, Access.ADMIN);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "url", "eventTypes", "description", "status");
    URI url = url(f, REQUIRED);
    Set<WebhookEventType> types = eventTypes(body, f, REQUIRED);
    String description = f.string("description", OPTIONAL, WebhookEndpoint.MAX_DESCRIPTION_LENGTH);
    WebhookEndpointStatus status = f.enumValue("status", WebhookEndpointStatus.class, REQUIRED);
    f.check();
    webhooks.get(ws, id); // 404 before anything changes
    return JsonOutput.ok(
        endpoint(
            webhooks.update(ws, id, url, types, description == null ? "" : description, status)));
  }

  /** Removes the endpoint and its delivery log. */
  @DELETE
  @Path("/{id}")
  public Response delete(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    webhooks.delete(ws, id);
    return Response.noContent().build();
  }

  /**
   * {@code {overlap?}} (ISO-8601, {@code PT0S} to {@code P7D}, default {@code PT24H}): a new
   * secret, in this answer only; the old one keeps signing during the overlap.
   */
  @POST
  @Path("/{id}/rotate-secret")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response rotate(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ADMIN);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields f = Fields.of(body, "overlap");
    Duration overlap = overlap(f);
    f.check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.ok(
                secret(
                    webhooks.rotateSecret(ws, id, overlap == null ? DEFAULT_OVERLAP : overlap))));
  }

  /** The endpoint's delivery log, newest first. */
  @GET
  @Path("/{id}/deliveries")
  @Produces(MediaType.APPLICATION_JSON)
  public Response deliveries(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    Params p = new Params();
    int n = p.limit(limit);
    p.check();
    WebhookDeliveryPage page = webhooks.deliveries(ws, id, cursor, Math.min(n, 200));
    return JsonOutput.ok(
        new PageResponse<>(
            page.items().stream().map(WebhookEndpointsResource::delivery).toList(),
            page.nextCursor()));
  }

  /** {@code {eventId}}: sends that event to this endpoint again, same id and body. */
  @POST
  @Path("/{id}/replay")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response replay(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ADMIN);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "eventId");
    String eventId = f.id("eventId", REQUIRED, 36);
    f.check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.ok(delivery(webhooks.replay(ws, id, eventId))));
  }

  // ---------------------------------------------------------------- input

  private static URI url(Fields f, Presence presence) {
    String text = f.string("url", presence, WebhookEndpoint.MAX_URL_LENGTH);
    if (text == null) {
      return null;
    }
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      f.fail("url", "is not a valid URL");
      return null;
    }
  }

  private static Set<WebhookEventType> eventTypes(JsonObject body, Fields f, Presence presence) {
    String allowed =
        Arrays.stream(WebhookEventType.values())
            .map(WebhookEventType::wireName)
            .collect(Collectors.joining(", "));
    JsonValue v = body.get("eventTypes");
    if (v == null) {
      if (presence == REQUIRED) {
        f.fail("eventTypes", "is required");
      }
      return null;
    }
    if (!(v instanceof JsonArray array) || array.isEmpty() || array.size() > 50) {
      f.fail("eventTypes", "must be a list of 1 to 50 event types: " + allowed);
      return null;
    }
    Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
    for (JsonValue item : array) {
      WebhookEventType t =
          item instanceof JsonString s
              ? WebhookEventType.byWireName(s.getString()).orElse(null)
              : null;
      if (t == null) {
        f.fail("eventTypes", "must name event types among " + allowed);
        return null;
      }
      types.add(t);
    }
    return types;
  }

  private static Duration overlap(Fields f) {
    String text = f.string("overlap", OPTIONAL, 40);
    if (text == null) {
      return null;
    }
    try {
      Duration d = Duration.parse(text);
      if (!d.isNegative() && d.compareTo(Duration.ofDays(7)) <= 0) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    f.fail("overlap", "must be an ISO-8601 duration from PT0S to P7D");
    return null;
  }

  // ---------------------------------------------------------------- output

  static WebhookEndpointResponse endpoint(WebhookEndpoint e) {
    return new WebhookEndpointResponse(
        e.id(),
        e.url().toString(),
        e.eventTypes().stream().map(WebhookEventType::wireName).sorted().toList(),
        e.description(),
        e.status().name(),
        e.createdAt(),
        e.updatedAt(),
        e.previousSecretUntil(),
        e.failingSince(),
        e.disabledAt(),
        e.disabledReason());
  }

  static WebhookSecretResponse secret(WebhookSecret s) {
    return new WebhookSecretResponse(endpoint(s.endpoint()), s.secret());
  }

  static WebhookDeliveryResponse delivery(WebhookDelivery d) {
    return new WebhookDeliveryResponse(
        d.id(),
        d.eventId(),
        d.eventType(),
        d.status().name(),
        d.attempts(),
        d.createdAt(),
        d.nextAttemptAt(),
        d.lastAttemptAt(),
        d.lastStatusCode(),
        d.lastLatencyMillis(),
        d.lastError(),
        d.deliveredAt());
  }
}
