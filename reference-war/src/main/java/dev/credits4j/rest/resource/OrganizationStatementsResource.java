package dev.credits4j.rest.resource;

import dev.credits4j.api.StatementPage;
import dev.credits4j.api.Statements;
import dev.credits4j.api.WalletRef;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.dto.PageResponse;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.security.Access;
import dev.credits4j.rest.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * An organization's monthly usage statements (docs/reports.md), newest first: for its client or the
 * agency.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/organizations/{org}/statements")
public class OrganizationStatementsResource {
  @Inject Access access;
  @Inject Statements statements;

  /** {@code ?cursor=&limit=} (1 to 100, 20 by default). */
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
    int n = 20;
    Params p = new Params();
    if (limit != null) {
      try {
        n = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > Statements.MAX_LIMIT) {
        p.fail("limit", "must be an integer from 1 to " + Statements.MAX_LIMIT);
      }
    }
    p.check();
    StatementPage page = statements.list(wallet, cursor, n);
    return JsonOutput.ok(
        new PageResponse<>(page.items().stream().map(Dtos::statement).toList(), page.nextCursor()));
  }
}
