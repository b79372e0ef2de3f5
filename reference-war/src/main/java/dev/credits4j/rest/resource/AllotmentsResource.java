package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AllotmentId;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
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
import java.util.function.BiFunction;

/** One allotment by id: read, its granted periods, pause, resume, cancel. Team only. */
@RequestScoped
@Path("/v1/workspaces/{ws}/allotments/{id}")
public class AllotmentsResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject Allotments allotments;

  private AllotmentView inWorkspace(String ws, String id) {
    AllotmentId allotment =
        Params.pathId(id, AllotmentId::new, ErrorCode.ALLOTMENT_NOT_FOUND, "allotment");
    AllotmentView a = allotments.get(allotment);
    if (!a.wallet().workspace().equals(ws)) {
      throw new CreditsException(ErrorCode.ALLOTMENT_NOT_FOUND, "no allotment " + id);
    }
    return a;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    return JsonOutput.ok(Dtos.allotment(inWorkspace(ws, id)));
  }

  /** The periods the allotment granted, in order. */
  @GET
  @Path("/grants")
  @Produces(MediaType.APPLICATION_JSON)
  public Response grants(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    AllotmentView a = inWorkspace(ws, id);
    return JsonOutput.ok(
        new dev.credits4j.rest.dto.PageResponse<>(
            allotments.grants(a.id()).stream().map(Dtos::allotmentGrant).toList(), null));
  }

  /** Stops granting; the periods that start while paused are skipped for good. */
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
    return change(ws, id, key, sc, uri, in, allotments::pause);
  }

  /** Grants again from the first period that starts at or after now. */
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
    return change(ws, id, key, sc, uri, in, allotments::resume);
  }

  /** Stops the allotment for good; credits already granted stay. */
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
    return change(ws, id, key, sc, uri, in, allotments::cancel);
  }

  private Response change(
      String ws,
      String id,
      String key,
      SecurityContext sc,
      UriInfo uri,
      InputStream in,
      BiFunction<AllotmentId, Actor, AllotmentView> operation) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    AllotmentView a = inWorkspace(ws, id);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields.of(body).check();
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> JsonOutput.ok(Dtos.allotment(operation.apply(a.id(), caller.actor()))));
  }
}
