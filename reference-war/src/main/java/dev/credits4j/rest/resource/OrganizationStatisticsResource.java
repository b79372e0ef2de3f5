package dev.credits4j.rest.resource;

import dev.credits4j.api.OrganizationReport;
import dev.credits4j.api.OrganizationReportQuery;
import dev.credits4j.api.Reports;
import dev.credits4j.api.WalletRef;
import dev.credits4j.report.CsvExports;
import dev.credits4j.rest.dto.ReportDtos;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.Presence;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringWriter;
import java.time.LocalDate;

/**
 * One organization's statistics (usage, purchases, daily balance, coming expirations) as JSON or
 * CSV: for the client of the organization and the agency.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/organizations/{org}/statistics")
public class OrganizationStatisticsResource {
  @Inject Access access;
  @Inject Reports reports;
  @Inject CsvExports csv;

  private OrganizationReport report(
      SecurityContext sc, String ws, String org, String from, String to, String days) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    Params p = new Params();
    LocalDate fromDate = p.date("from", from, Presence.REQUIRED);
    LocalDate toDate = p.date("to", to, Presence.REQUIRED);
    if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
      p.fail("to", "must not be before from");
    }
    int expiring = 30;
    if (days != null) {
      try {
        expiring = Integer.parseInt(days);
      } catch (NumberFormatException e) {
        expiring = -1;
      }
      if (expiring < 0 || expiring > OrganizationReportQuery.MAX_EXPIRING_DAYS) {
        p.fail(
            "expiringWithinDays",
            "must be an integer from 0 to " + OrganizationReportQuery.MAX_EXPIRING_DAYS);
      }
    }
    p.check();
    return reports.organization(new OrganizationReportQuery(wallet, fromDate, toDate, expiring));
  }

  /**
   * {@code ?from=&to=&expiringWithinDays=} (days inclusive, workspace time zone; 30 by default).
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response json(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("expiringWithinDays") String days,
      @Context SecurityContext sc) {
    return JsonOutput.ok(ReportDtos.organization(report(sc, ws, org, from, to, days)));
  }

  /** The same statistics as the SDK's {@link CsvExports#organization} writes them. */
  @GET
  @Produces(ReportsResource.CSV + ";qs=0.5")
  public Response csv(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("expiringWithinDays") String days,
      @Context SecurityContext sc) {
    OrganizationReport r = report(sc, ws, org, from, to, days);
    StringWriter out = new StringWriter();
    csv.organization(r, out);
    return Response.ok(out.toString(), MediaType.valueOf(ReportsResource.CSV + ";charset=UTF-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"statistics-"
                + (ws + "-" + org).replaceAll("[^A-Za-z0-9_.-]", "_")
                + ".csv\"")
        .build();
  }
}
