package dev.credits4j.rest.resource;

import dev.credits4j.api.Granularity;
import dev.credits4j.api.LiabilityQuery;
import dev.credits4j.api.LiabilityReport;
import dev.credits4j.api.ReportQuery;
import dev.credits4j.api.Reports;
import dev.credits4j.api.RevenueReport;
import dev.credits4j.api.RollForwardReport;
import dev.credits4j.api.ServicesReport;
import dev.credits4j.api.SummaryReport;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.report.CsvExports;
import dev.credits4j.rest.dto.LiabilitySeriesResponse;
import dev.credits4j.rest.dto.ReportDtos;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.Presence;
import dev.credits4j.rest.security.Access;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.money.CurrencyUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The workspace reports of docs/reports.md for the agency (admin and team; clients get 403): as
 * JSON, or with {@code Accept: text/csv} as the SDK's {@link CsvExports}. Periods are whole days
 * {@code from} to {@code to} (inclusive, ISO dates) of the workspace's time zone; {@code currency}
 * selects the lots and purchases of another currency than the workspace's. Every report is computed
 * before the answer starts, so a bad query or unknown workspace is a problem, never half a CSV
 * file.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/reports")
public class ReportsResource {
  /** {@code text/csv}. */
  public static final String CSV = "text/csv";

  @Inject Access access;
  @Inject Reports reports;
  @Inject CsvExports csv;
  @Inject Workspaces workspaces;

  /** The most points a liability series has. */
  static final int MAX_SERIES_POINTS = 400;

  /** The query of a period report, every parameter checked and each fault named. */
  private ReportQuery query(
      String ws, String from, String to, String currency, String granularity) {
    Params p = new Params();
    LocalDate fromDate = p.date("from", from, Presence.REQUIRED);
    LocalDate toDate = p.date("to", to, Presence.REQUIRED);
    if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
      p.fail("to", "must not be before from");
    }
    ReportQuery q =
        new ReportQuery(
            ws,
            p.currency("currency", currency),
            fromDate,
            toDate,
            p.enumValue("granularity", granularity, Granularity.class));
    p.check();
    return q;
  }

  private LiabilityQuery liabilityQuery(String ws, String asOf, String currency) {
    Params p = new Params();
    Instant at = p.instant("asOf", asOf);
    LiabilityQuery q = new LiabilityQuery(ws, p.currency("currency", currency), at);
    p.check();
    return q;
  }

  private static Response csv(String name, String ws, Consumer<Writer> write) {
    StreamingOutput body =
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          write.accept(w);
          w.flush();
        };
    return Response.ok(body, MediaType.valueOf(CSV + ";charset=UTF-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\""
                + name
                + "-"
                + ws.replaceAll("[^A-Za-z0-9_.-]", "_")
                + ".csv\"")
        .build();
  }

  // ---------------------------------------------------------------- summary

  @GET
  @Path("/summary")
  @Produces(MediaType.APPLICATION_JSON)
  public Response summary(
      @PathParam("ws") String ws,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("currency") String currency,
      @QueryParam("granularity") String granularity,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    ReportQuery q = query(ws, from, to, currency, granularity);
    return JsonOutput.ok(ReportDtos.summary(reports.summary(q), q.granularity()));
  }

  @GET
  @Path("/summary")
  @Produces(CSV + ";qs=0.5")
  public Response summaryCsv(
      @PathParam("ws") String ws,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("currency") String currency,
      @QueryParam("granularity") String granularity,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    SummaryReport r = reports.summary(query(ws, from, to, currency, granularity));
    return csv("summary", ws, w -> csv.summary(r, w));
  }

  // ---------------------------------------------------------------- revenue

  @GET
  @Path("/revenue")
  @Produces(MediaType.APPLICATION_JSON)
  public Response revenue(
      @PathParam("ws") String ws,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("currency") String currency,
      @QueryParam("granularity") String granularity,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    ReportQuery q = query(ws, from, to, currency, granularity);
    return JsonOutput.ok(ReportDtos.revenue(reports.revenue(q), q.granularity()));
  }

  @GET
  @Path("/revenue")
  @Produces(CSV + ";qs=0.5")
  public Response revenueCsv(
      @PathParam("ws") String ws,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("currency") String currency,
      @QueryParam("granularity") String granularity,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    RevenueReport r = reports.revenue(query(ws, from, to, currency, granularity));
    return csv("revenue", ws, w -> csv.revenue(r, w));
  }

  // ---------------------------------------------------------------- services

  @GET
  @Path("/services")
  @Produces(MediaType.APPLICATION_JSON)
  public Response services(
      @PathParam("ws") String ws,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("currency") String currency,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    ReportQuery q = query(ws, from, to, currency, null);
    return JsonOutput.ok(ReportDtos.services(reports.services(q)));
  }

  @GET
  @Path("/services")
  @Produces(CSV + ";qs=0.5")
  public Response servicesCsv(
      @PathParam("ws") String ws,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("currency") String currency,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    ServicesReport r = reports.services(query(ws, from, to, currency, null));
    return csv("services", ws, w -> csv.services(r, w));
  }

  // ---------------------------------------------------------------- roll-forward

  @GET
  @Path("/rollforward")
  @Produces(MediaType.APPLICATION_JSON)
  public Response rollForward(
      @PathParam("ws") String ws,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("currency") String currency,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    ReportQuery q = query(ws, from, to, currency, null);
    return JsonOutput.ok(ReportDtos.rollForward(reports.rollForward(q)));
  }

  @GET
  @Path("/rollforward")
  @Produces(CSV + ";qs=0.5")
  public Response rollForwardCsv(
      @PathParam("ws") String ws,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("currency") String currency,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    RollForwardReport r = reports.rollForward(query(ws, from, to, currency, null));
    return csv("rollforward", ws, w -> csv.rollForward(r, w));
  }

  // ---------------------------------------------------------------- liability

  @GET
  @Path("/liability")
  @Produces(MediaType.APPLICATION_JSON)
  public Response liability(
      @PathParam("ws") String ws,
      @QueryParam("asOf") String asOf,
      @QueryParam("currency") String currency,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    return JsonOutput.ok(
        ReportDtos.liability(reports.liability(liabilityQuery(ws, asOf, currency))));
  }

  @GET
  @Path("/liability")
  @Produces(CSV + ";qs=0.5")
  public Response liabilityCsv(
      @PathParam("ws") String ws,
      @QueryParam("asOf") String asOf,
      @QueryParam("currency") String currency,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    LiabilityReport r = reports.liability(liabilityQuery(ws, asOf, currency));
    return csv("liability", ws, w -> csv.liability(r, w));
  }

  // ---------------------------------------------------------------- liability over time

  /**
   * {@code ?from=&to=&granularity=DAY|WEEK|MONTH&currency=}: the liability at the end of each day,
   * ISO week or month of the period (days of the workspace's zone; a bucket still running is
   * measured now; buckets starting after today are left out). At most {@value #MAX_SERIES_POINTS}
   * points.
   */
  @GET
  @Path("/liability/series")
  @Produces(MediaType.APPLICATION_JSON)
  public Response liabilitySeries(
      @PathParam("ws") String ws,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("granularity") String granularity,
      @QueryParam("currency") String currency,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    return JsonOutput.ok(series(ws, from, to, granularity, currency));
  }

  private static final String[] LIABILITY_SERIES_COLUMNS = {
    "start",
    "end",
    "as_of",
    "outstanding_credits",
    "paid_credits",
    "free_credits",
    "overdraft_used",
    "value",
    "currency",
    "organizations"
  };

  @GET
  @Path("/liability/series")
  @Produces(CSV + ";qs=0.5")
  public Response liabilitySeriesCsv(
      @PathParam("ws") String ws,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("granularity") String granularity,
      @QueryParam("currency") String currency,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    LiabilitySeriesResponse r = series(ws, from, to, granularity, currency);
    return csv(
        "liability-series",
        ws,
        w -> {
          try {
            CSVPrinter csv =
                CSVFormat.RFC4180.builder().setHeader(LIABILITY_SERIES_COLUMNS).get().print(w);
            for (LiabilitySeriesResponse.Point pt : r.points()) {
              csv.printRecord(
                  pt.start(),
                  pt.end(),
                  pt.asOf(),
                  pt.outstandingCredits().toPlainString(),
                  pt.paidCredits().toPlainString(),
                  pt.freeCredits().toPlainString(),
                  pt.overdraftUsed().toPlainString(),
                  pt.value().amount(),
                  pt.value().currency(),
                  pt.organizations());
            }
            csv.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private LiabilitySeriesResponse series(
      String ws, String from, String to, String granularity, String currency) {
    Params p = new Params();
    LocalDate fromDate = p.date("from", from, Presence.REQUIRED);
    LocalDate toDate = p.date("to", to, Presence.REQUIRED);
    Granularity g = p.enumValue("granularity", granularity, Granularity.class);
    CurrencyUnit cur = p.currency("currency", currency);
    if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
      p.fail("to", "must not be before from");
    }
    p.check();
    Granularity by = g == null ? Granularity.DAY : g;
    WorkspaceSettings settings = workspaces.get(ws);
    ZoneId zone = settings.timeZone();
    Instant now = Instant.now();
    LocalDate today = LocalDate.ofInstant(now, zone);
    List<LocalDate[]> buckets = new ArrayList<>();
    for (LocalDate start = fromDate;
        !start.isAfter(toDate) && !start.isAfter(today);
        start = end(start, by).plusDays(1)) {
      LocalDate end = end(start, by);
      buckets.add(new LocalDate[] {start, end.isAfter(toDate) ? toDate : end});
      if (buckets.size() > MAX_SERIES_POINTS) {
        p.fail(
            "granularity",
            "the period has more than "
                + MAX_SERIES_POINTS
                + " "
                + by.name().toLowerCase(java.util.Locale.ROOT)
                + "s: choose a shorter period or a coarser granularity");
        p.check();
      }
    }
    List<LiabilitySeriesResponse.Point> points = new ArrayList<>(buckets.size());
    String code = null;
    for (LocalDate[] b : buckets) {
      Instant endOfBucket = b[1].plusDays(1).atStartOfDay(zone).toInstant();
      Instant at = endOfBucket.isAfter(now) ? now : endOfBucket;
      LiabilityReport r = reports.liability(new LiabilityQuery(ws, cur, at));
      code = r.currency().getCurrencyCode();
      points.add(
          new LiabilitySeriesResponse.Point(
              b[0],
              b[1],
              r.at(),
              dev.credits4j.rest.dto.Dtos.credits(r.outstandingCredits()),
              dev.credits4j.rest.dto.Dtos.credits(r.paidCredits()),
              dev.credits4j.rest.dto.Dtos.credits(r.freeCredits()),
              dev.credits4j.rest.dto.Dtos.credits(r.overdraftUsed()),
              dev.credits4j.rest.dto.Dtos.money(r.value()),
              r.organizations()));
    }
    if (code == null) {
      code = cur != null ? cur.getCurrencyCode() : settings.currency().getCurrencyCode();
    }
    return new LiabilitySeriesResponse(
        ws, code, zone.getId(), fromDate, toDate, by.name(), List.copyOf(points));
  }

  /** The last day of the bucket that {@code start} is in. */
  private static LocalDate end(LocalDate start, Granularity by) {
    return switch (by) {
      case DAY -> start;
      case WEEK -> start.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
      case MONTH -> start.with(TemporalAdjusters.lastDayOfMonth());
    };
  }
}
