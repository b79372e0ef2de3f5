package dev.credits4j.rest.resource;

import dev.credits4j.api.Reports;
import dev.credits4j.report.CsvExports;
import dev.credits4j.rest.dto.ReconciliationDtos;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.security.Access;
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
 * The workspace's balance reconciliation report, for its admins: every wallet reconciled and
 * verified (one wallet's checks are {@link OrganizationResource#reconcile} and {@link
 * OrganizationResource#verify}). It only reads.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/reconciliation")
public class ReconciliationResource {
  @Inject Access access;
  @Inject Reports reports;
  @Inject CsvExports csv;

  /**
   * Every wallet of the workspace reconciled and verified: a maintenance read, not a dashboard's.
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response workspace(@PathParam("ws") String ws, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    return JsonOutput.ok(ReconciliationDtos.workspace(reports.reconciliation(ws)));
  }

  /** The same report as CSV, as the SDK's {@link CsvExports#reconciliation} writes it. */
  @GET
  @Produces(ReportsResource.CSV + ";qs=0.5")
  public Response workspaceCsv(@PathParam("ws") String ws, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    StringWriter out = new StringWriter();
    csv.reconciliation(reports.reconciliation(ws), out);
    return Response.ok(out.toString(), MediaType.valueOf(ReportsResource.CSV + ";charset=UTF-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"reconciliation-"
                + ws.replaceAll("[^A-Za-z0-9_.-]", "_")
                + ".csv\"")
        .build();
  }
}
