package dev.credits4j.rest.resource;

import dev.credits4j.rest.metrics.ApiMeters;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.security.Access;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /v1/metrics}: the API's meters in the Prometheus text format ({@link ApiMeters}), for
 * the platform's operators (role {@code operator}) only; 404 where the host keeps no meters (the
 * standalone server with {@code CREDITS_METRICS=off}). On an application server the WAR's {@code
 * ContainerMeters} keeps them.
 */
@RequestScoped
@Path("/v1/metrics")
public class MetricsResource {
  @Inject Access access;
  @Inject Instance<ApiMeters> meters;

  @GET
  @Produces("text/plain")
  public Response scrape(@Context SecurityContext sc) {
    access.requireOperator(sc);
    if (!meters.isResolvable()) {
      throw new ApiException(ApiError.NOT_FOUND, "this server keeps no meters");
    }
    return Response.ok(meters.get().scrape(), ApiMeters.CONTENT_TYPE)
        .header("Cache-Control", "no-store")
        .build();
  }
}
