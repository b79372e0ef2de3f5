package dev.credits4j.rest.resource;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.StatementId;
import dev.credits4j.api.StatementView;
import dev.credits4j.api.Statements;
import dev.credits4j.report.CsvExports;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.security.Access;
import dev.credits4j.rest.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringWriter;

/**
 * One usage statement by id, as JSON or, with {@code Accept: text/csv}, as the SDK's {@link
 * CsvExports#statement} writes it: for the organization's client (its own statements only) or the
 * agency.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/statements/{id}")
public class StatementsResource {
  @Inject Access access;
  @Inject Statements statements;
  @Inject CsvExports csv;

  /** The statement, if it is of this workspace and the caller may see its organization. */
  private StatementView visible(SecurityContext sc, String ws, String id) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    StatementId statement =
        Params.pathId(id, StatementId::new, ErrorCode.STATEMENT_NOT_FOUND, "statement");
    StatementView s = statements.get(statement);
    if (!s.wallet().workspace().equals(ws)) {
      throw new CreditsException(ErrorCode.STATEMENT_NOT_FOUND, "no statement " + id);
    }
    access.requireVisible(caller, s.wallet(), ErrorCode.STATEMENT_NOT_FOUND, "no statement " + id);
    return s;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response json(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    return JsonOutput.ok(Dtos.statement(visible(sc, ws, id)));
  }

  @GET
  @Produces(ReportsResource.CSV + ";qs=0.5")
  public Response csv(
      @PathParam("ws") String ws, @PathParam("id") String id, @Context SecurityContext sc) {
    StatementView s = visible(sc, ws, id);
    StringWriter out = new StringWriter();
    csv.statement(s, out);
    return Response.ok(out.toString(), MediaType.valueOf(ReportsResource.CSV + ";charset=UTF-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"statement-"
                + (s.wallet().organization() + "-" + s.periodStart())
                    .replaceAll("[^A-Za-z0-9_.-]", "_")
                + ".csv\"")
        .build();
  }
}
