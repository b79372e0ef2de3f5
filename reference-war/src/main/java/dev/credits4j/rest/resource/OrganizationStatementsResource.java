package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.StatementPage;
import dev.credits4j.api.StatementView;
import dev.credits4j.api.Statements;
import dev.credits4j.api.WalletRef;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.dto.PageResponse;
import dev.credits4j.rest.idempotency.Idempotency;
import dev.credits4j.rest.json.Fields;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.Presence;
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
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An organization's monthly usage statements (docs/reports.md), newest first: for its client or the
 * agency.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/organizations/{org}/statements")
public class OrganizationStatementsResource {
  @Inject Access access;
  @Inject Statements statements;
  @Inject Idempotency idempotency;

  /**
   * {@code {month}}: issues the organization's statement of a month that has ended and that the
   * scheduled job missed (admin only): 201 when this call issued it, 200 with the statement issued
   * already otherwise; never a second one.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response issue(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ADMIN);
    WalletRef wallet = access.wallet(caller, ws, org);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "month");
    YearMonth month = month(f, "month", REQUIRED);
    f.check();
    // Statements are issued in transactions of their own: outside the key's transaction.
    return idempotency.executeOutside(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> {
          Optional<StatementView> issued = statements.find(wallet, month);
          return issued.isPresent()
              ? JsonOutput.ok(Dtos.statement(issued.get()))
              : JsonOutput.created(Dtos.statement(statements.issue(wallet, month)));
        });
  }

  /** A calendar month {@code YYYY-MM}. */
  static YearMonth month(Fields f, String name, Presence presence) {
    String text = f.string(name, presence, 7);
    if (text == null) {
      return null;
    }
    try {
      YearMonth month = YearMonth.parse(text);
      if (month.toString().equals(text)) {
        return month;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    f.fail(name, "must be a month YYYY-MM such as 2026-09");
    return null;
  }

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
