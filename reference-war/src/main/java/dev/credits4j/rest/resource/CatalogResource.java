package dev.credits4j.rest.resource;

import dev.credits4j.api.PackageCatalog;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.dto.PageResponse;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.security.Access;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * What clients may buy now: active, shown, inside the promotion window, featured first. A workspace
 * whose credits module is off answers 403.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/catalog")
public class CatalogResource {
  @Inject Access access;
  @Inject PackageCatalog catalog;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(@PathParam("ws") String ws, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ANYONE);
    return JsonOutput.ok(
        new PageResponse<>(catalog.clientCatalog(ws, null).stream().map(Dtos::pkg).toList(), null));
  }
}
