package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.NotificationDispatcher;
import dev.credits4j.api.NotificationId;
import dev.credits4j.api.NotificationOutbox;
import dev.credits4j.api.NotificationStatus;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.OutboxPage;
import dev.credits4j.api.OutboxQuery;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.dto.PageResponse;
import dev.credits4j.rest.dto.PurgeResponse;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The workspace's notification outbox (docs/notifications.md), for its admins: notifications by
 * delivery state, one notification, a DEAD one retried, the delivered ones purged.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/notifications")
public class NotificationsResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject NotificationOutbox outbox;
  @Inject NotificationDispatcher dispatcher;

  /** Oldest first; {@code status} (repeated or comma-separated) filters. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(
      @PathParam("ws") String ws,
      @QueryParam("status") List<String> statuses,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    Params p = new Params();
    Set<NotificationStatus> wanted = EnumSet.noneOf(NotificationStatus.class);
    for (String value : statuses == null ? List.<String>of() : statuses) {
      for (String name : value.split(",")) {
        NotificationStatus s = p.enumValue("status", name.trim(), NotificationStatus.class);
        if (s != null) {
          wanted.add(s);
        }
      }
    }
    OutboxQuery q = new OutboxQuery(ws, wanted, cursor, p.limit(limit));
    p.check();
    OutboxPage page = outbox.list(q);
    return JsonOutput.ok(
        new PageResponse<>(
            page.items().stream().map(Dtos::notification).toList(), page.nextCursor()));
  }

  private OutboxEntryView inWorkspace(String ws, String id) {
    NotificationId nid =
        Params.pathId(id, NotificationId::new, ErrorCode.NOTIFICATION_NOT_FOUND, "notification");
    OutboxEntryView v = dispatcher.get(nid);
    if (!v.notification().wallet().workspace().equals(ws)) {
      throw new CreditsException(ErrorCode.NOTIFICATION_NOT_FOUND, "no notification " + id);
    }
    return v;
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    return JsonOutput.ok(Dtos.notification(inWorkspace(ws, id)));
  }

  /** Makes a DEAD notification PENDING again, due now, attempts reset; 409 for any other state. */
  @POST
  @Path("/{id}/retry")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response retry(
      @PathParam("ws") String ws,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ADMIN);
    OutboxEntryView v = inWorkspace(ws, id);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields.of(body).check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.ok(Dtos.notification(dispatcher.retry(v.notification().id()))));
  }

  /**
   * {@code {before?}}: deletes the DELIVERED notifications delivered before it (now by default).
   */
  @POST
  @Path("/purge")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response purge(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ADMIN);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields f = Fields.of(body, "before");
    Instant before = f.instant("before", OPTIONAL);
    f.check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> {
          int purged = outbox.purgeDelivered(ws, before == null ? Instant.now() : before);
          return JsonOutput.ok(new PurgeResponse(purged));
        });
  }
}
