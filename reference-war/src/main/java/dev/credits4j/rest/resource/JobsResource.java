package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;

import dev.credits4j.api.Allotments;
import dev.credits4j.api.AutoTopUps;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.ExpiryWarnings;
import dev.credits4j.api.NotificationDispatcher;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.Reports;
import dev.credits4j.api.Statements;
import dev.credits4j.api.Subscriptions;
import dev.credits4j.api.Workspaces;
import dev.credits4j.rest.dto.AutoTopUpResponse;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.dto.ExpiryWarningRunResponse;
import dev.credits4j.rest.dto.HoldReleaseResponse;
import dev.credits4j.rest.dto.RefundResendResponse;
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
import java.time.YearMonth;
import java.util.function.Function;

/**
 * Operator jobs of a workspace, the same the WAR also runs on a schedule (see {@code
 * ContainerJobs}): for an operator who turned the schedule off, or who wants a run now. Admin only;
 * each takes an optional JSON body and honours {@code Idempotency-Key}.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/jobs")
public class JobsResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject ExpirySweep expiry;
  @Inject Allotments allotments;
  @Inject Subscriptions subscriptions;
  @Inject Statements statements;
  @Inject ExpiryWarnings warnings;
  @Inject NotificationDispatcher notifications;
  @Inject Workspaces workspaces;
  @Inject Reports reports;
  @Inject CreditLedger ledger;
  @Inject Purchases purchases;
  @Inject AutoTopUps autoTopUps;
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
    return asOfJob(
        ws, key, sc, uri, in, asOf -> JsonOutput.ok(Dtos.expiry(expiry.expire(ws, asOf))));
  }

  /**
   * {@code {asOf?}}: grants every period of the workspace's active allotments that started at or
   * before {@code asOf} (now when absent; never in the future). Each period is granted exactly once
   * however often, and on however many nodes, this runs.
   */
  @POST
  @Path("/grant-allotments")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response grantAllotments(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return asOfJob(
        ws,
        key,
        sc,
        uri,
        in,
        asOf -> JsonOutput.ok(Dtos.allotments(allotments.grantDue(ws, asOf))));
  }

  /**
   * {@code {asOf?}}: charges every period of the workspace's active subscriptions that started at
   * or before {@code asOf} (now when absent; never in the future). Each period is charged exactly
   * once however often, and on however many nodes, this runs; a period the wallet cannot cover
   * pauses its subscription instead.
   */
  @POST
  @Path("/charge-subscriptions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response chargeSubscriptions(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return asOfJob(
        ws,
        key,
        sc,
        uri,
        in,
        asOf -> JsonOutput.ok(Dtos.subscriptions(subscriptions.chargeDue(ws, asOf))));
  }

  /**
   * {@code {asOf?} | {month}}: issues the usage statements of the last month that ended at or
   * before {@code asOf} (now when absent; never in the future) in the workspace's time zone, or of
   * {@code month} (a month the job missed; ended, and not before the workspace was created), one
   * per organization that had a wallet when it ended. Each is issued exactly once however often,
   * and on however many nodes, this runs.
   */
  @POST
  @Path("/issue-statements")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response issueStatements(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.ADMIN);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields f = Fields.of(body, "asOf", "month");
    Instant asOf = f.instant("asOf", OPTIONAL);
    YearMonth month = OrganizationStatementsResource.month(f, "month", OPTIONAL);
    if (f.has("asOf") && f.has("month")) {
      f.fail("month", "give either asOf or month, not both");
    }
    f.check();
    workspaces.get(ws);
    return idempotency.executeOutside(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.ok(
                Dtos.statements(
                    month != null
                        ? statements.issue(ws, month)
                        : statements.issueDue(
                            ws,
                            asOf != null
                                ? asOf
                                : (clock.isResolvable() ? clock.get() : Clock.systemUTC())
                                    .instant()))));
  }

  /**
   * {@code {asOf?}}: writes the expiring-soon warnings due at {@code asOf} (now when absent; never
   * in the future) for the workspace's lots, at most one per lot and warning window.
   */
  @POST
  @Path("/expiry-warnings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response expiryWarnings(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return asOfJob(
        ws,
        key,
        sc,
        uri,
        in,
        asOf -> JsonOutput.ok(new ExpiryWarningRunResponse(asOf, warnings.sendDue(ws, asOf))));
  }

  /**
   * {@code {}}: delivers every notification due now through the notifiers. The outbox is shared:
   * this delivers the due notifications of every workspace, as the scheduled dispatcher does. Safe
   * beside the schedule and on several nodes: each notification is claimed by one dispatcher.
   */
  @POST
  @Path("/dispatch-notifications")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response dispatchNotifications(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return job(
        ws,
        key,
        sc,
        uri,
        in,
        JobBody.EMPTY,
        none -> JsonOutput.ok(Dtos.dispatch(notifications.dispatchPending())));
  }

  /**
   * {@code {}}: brings the workspace's daily report rollup up to its last closed day (see
   * docs/reports.md, "The daily rollup"). Safe beside the schedule and on several nodes: each batch
   * of days is written once.
   */
  @POST
  @Path("/roll-up-reports")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response rollUpReports(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return job(
        ws,
        key,
        sc,
        uri,
        in,
        JobBody.EMPTY,
        none -> JsonOutput.ok(Dtos.rollup(reports.rollUp(ws))));
  }

  /**
   * {@code {}}: releases the workspace's holds past their timeout (their credits become available
   * again). Reads already leave such holds out; this writes it down. Safe beside the schedule and
   * on several nodes: each hold is released once, under its wallet's lock.
   */
  @POST
  @Path("/release-holds")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response releaseHolds(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return job(
        ws,
        key,
        sc,
        uri,
        in,
        JobBody.EMPTY,
        none -> JsonOutput.ok(new HoldReleaseResponse(ledger.releaseExpiredHolds(ws))));
  }

  /**
   * {@code {}}: sends the workspace's PENDING refunds to their gateway again; answers how many the
   * gateway accepted now. A refund refused again stays PENDING for the next run. Safe beside the
   * schedule: the gateway gets the refund's own idempotency key each time.
   */
  @POST
  @Path("/resend-refunds")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response resendRefunds(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return job(
        ws,
        key,
        sc,
        uri,
        in,
        JobBody.EMPTY,
        none -> JsonOutput.ok(new RefundResendResponse(purchases.resendPendingRefunds(ws))));
  }

  /**
   * {@code {}}: starts the auto top-ups that debits triggered and settles those whose purchase
   * finished (docs/purchases.md, "Auto top-up"). The triggers are shared: this runs those of every
   * workspace, as the scheduled job does. Safe beside the schedule and on several nodes: each
   * trigger is claimed by one run, and a purchase is created and charged once.
   */
  @POST
  @Path("/auto-top-up")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response autoTopUp(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    return job(
        ws,
        key,
        sc,
        uri,
        in,
        JobBody.EMPTY,
        none -> JsonOutput.ok(new AutoTopUpResponse.Run(autoTopUps.runTriggered())));
  }

  /** A job of the workspace as of {@code {asOf?}}: admin only, the body checked first. */
  private Response asOfJob(
      String ws,
      String key,
      SecurityContext sc,
      UriInfo uri,
      InputStream in,
      Function<Instant, Response> job) {
    return job(ws, key, sc, uri, in, JobBody.AS_OF, job);
  }

  /** What a job's request body may hold. */
  private enum JobBody {
    /** {@code {}}: the job takes no time. */
    EMPTY,
    /** {@code {asOf?}}: the job runs as of that instant (now when absent). */
    AS_OF
  }

  /**
   * A job of the workspace: admin only, the body checked first, run once per Idempotency-Key. The
   * job gets {@code asOf} (now when absent), or null when the body takes none.
   */
  private Response job(
      String ws,
      String key,
      SecurityContext sc,
      UriInfo uri,
      InputStream in,
      JobBody accepted,
      Function<Instant, Response> job) {
    boolean asOfAllowed = accepted == JobBody.AS_OF;
    Caller caller = access.require(sc, ws, Access.ADMIN);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields f = asOfAllowed ? Fields.of(body, "asOf") : Fields.of(body);
    Instant asOf = asOfAllowed ? f.instant("asOf", OPTIONAL) : null;
    f.check();
    workspaces.get(ws);
    // A job runs batches of transactions of its own: outside the key's transaction.
    return idempotency.executeOutside(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            job.apply(
                !asOfAllowed || asOf != null
                    ? asOf
                    : (clock.isResolvable() ? clock.get() : Clock.systemUTC()).instant()));
  }
}
