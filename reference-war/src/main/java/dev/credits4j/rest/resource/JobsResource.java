package dev.credits4j.rest.resource;

import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.Workspaces;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.idempotency.Idempotency;
import dev.credits4j.rest.json.Fields;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.RequestBodies;
import dev.credits4j.rest.security.Access;
import dev.credits4j.rest.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
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
import java.time.Clock;
import java.time.Instant;

/** Operator jobs of a workspace. Admin only. */
@RequestScoped
@Path("/v1/workspaces/{ws}/jobs")
public class JobsResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject ExpirySweep expiry;
  @Inject Workspaces workspaces;
  @Inject Instance<Clock> clock;

  /**
   * {@code {asOf?}}: runs the expiry sweep over the workspace's lots as of {@code asOf} (now when
   * absent; never in the future). Idempotent: running it again expires nothing twice.
   */
  @POST
  @Path("/expire")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response expire(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ADMIN);
    JsonObject body = RequestBodies.read(in, true);
    Fields f = Fields.of(body, "asOf");
    Instant asOf = f.instant("asOf", false);
    f.check();
    workspaces.get(ws);
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> {
          Instant at =
              asOf != null
                  ? asOf
                  : (clock.isResolvable() ? clock.get() : Clock.systemUTC()).instant();
          return JsonOutput.ok(Dtos.expiry(expiry.expire(ws, at)));
        });
  }
}
