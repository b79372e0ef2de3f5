package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.HoldPage;
import dev.credits4j.api.HoldQuery;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.OrganizationSummary;
import dev.credits4j.api.Organizations;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.Workspaces;
import dev.credits4j.report.CsvExports;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.dto.PageResponse;
import dev.credits4j.rest.dto.ReconciliationDtos;
import dev.credits4j.rest.idempotency.Idempotency;
import dev.credits4j.rest.json.Fields;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.Presence;
import dev.credits4j.rest.json.RequestBodies;
import dev.credits4j.rest.json.TextChecks;
import dev.credits4j.rest.security.Access;
import dev.credits4j.rest.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One organization of a workspace: registration, wallet, transaction history (JSON pages or a CSV
 * export), usage, manual adjustments and holds.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/organizations/{org}")
public class OrganizationResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject CreditLedger ledger;
  @Inject Workspaces workspaces;
  @Inject CsvExports csv;
  @Inject Organizations organizations;

  /** Registers the organization and opens its wallet; registering again changes nothing. */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response register(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @Context SecurityContext sc,
      InputStream in) {
    access.require(sc, ws, Access.TEAM);
    JsonObject body = RequestBodies.read(in, OPTIONAL);
    Fields f = Fields.of(body, "displayName");
    String displayName =
        f.string("displayName", OPTIONAL, OrganizationSummary.MAX_DISPLAY_NAME_LENGTH);
    f.check();
    WalletRef wallet = WalletRef.of(ws, org);
    dev.credits4j.api.Balance b =
        workspaces.registerOrganization(wallet, displayName == null ? org : displayName);
    return JsonOutput.ok(Dtos.organization(b, organizations.get(wallet)));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(
      @PathParam("ws") String ws, @PathParam("org") String org, @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    WalletRef wallet = WalletRef.of(ws, org);
    return JsonOutput.ok(Dtos.organization(ledger.balance(wallet), organizations.get(wallet)));
  }

  @GET
  @Path("/wallet")
  @Produces(MediaType.APPLICATION_JSON)
  public Response wallet(
      @PathParam("ws") String ws, @PathParam("org") String org, @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    return JsonOutput.ok(Dtos.wallet(ledger.balance(wallet), workspaces.get(ws)));
  }

  @GET
  @Path("/transactions")
  @Produces(MediaType.APPLICATION_JSON)
  public Response transactions(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @QueryParam("type") List<String> types,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    Params p = new Params();
    HistoryQuery q =
        new HistoryQuery(
            wallet,
            types(p, types),
            p.instant("from", from),
            p.instant("to", to),
            cursor,
            p.limit(limit));
    p.check();
    HistoryPage page = ledger.history(q);
    return JsonOutput.ok(
        new PageResponse<>(
            page.entries().stream().map(e -> Dtos.entry(e, caller.counterparty())).toList(),
            page.nextCursor()));
  }

  /**
   * The same filters as {@link #transactions}, every matching entry, newest first, as the SDK's
   * {@link CsvExports#history} writes it (columns {@link CsvExports#HISTORY_COLUMNS}).
   */
  @GET
  @Path("/transactions")
  @Produces(ReportsResource.CSV + ";qs=0.5")
  public Response transactionsCsv(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @QueryParam("type") List<String> types,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    Params p = new Params();
    HistoryQuery filters =
        new HistoryQuery(
            wallet, types(p, types), p.instant("from", from), p.instant("to", to), null, 1);
    p.check();
    // Read one entry before answering, so that an unknown wallet or a bad filter is still a
    // problem, not a broken download.
    ledger.history(filters);
    StreamingOutput body =
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          csv.history(filters, w, caller.counterparty());
          w.flush();
        };
    return Response.ok(body, MediaType.valueOf(ReportsResource.CSV + ";charset=UTF-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"transactions-" + safe(ws) + "-" + safe(org) + ".csv\"")
        .build();
  }

  /** One entry of the wallet's history. */
  @GET
  @Path("/transactions/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response transaction(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @PathParam("id") String id,
      @Context SecurityContext sc) {
    Caller caller = access.require(sc, ws, Access.ANYONE);
    WalletRef wallet = access.wallet(caller, ws, org);
    EntryId entry = Params.pathId(id, EntryId::new, ErrorCode.ENTRY_NOT_FOUND, "entry");
    return JsonOutput.ok(Dtos.entry(ledger.getEntry(wallet, entry), caller.counterparty()));
  }

  /**
   * {@code {credits?, reason, description?}}: gives back the credits of a USAGE entry (all that is
   * left when {@code credits} is absent) to the lots they came from; team only.
   */
  @POST
  @Path("/transactions/{id}/reverse")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response reverse(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @PathParam("id") String id,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    EntryId entry = Params.pathId(id, EntryId::new, ErrorCode.ENTRY_NOT_FOUND, "entry");
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "credits", "reason", "description");
    BigDecimal credits = f.credits("credits", OPTIONAL);
    ReasonCode reason = f.enumValue("reason", ReasonCode.class, REQUIRED);
    String description = f.string("description", OPTIONAL, LedgerEntryView.MAX_DESCRIPTION_LENGTH);
    f.check();
    WalletRef wallet = WalletRef.of(ws, org);
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.created(
                Dtos.entry(
                    ledger.reverse(
                        new ReversalRequest(
                            wallet,
                            entry,
                            credits,
                            reason,
                            description,
                            caller.actor(),
                            sdkKey)))));
  }

  /** The wallet reconciled against its entries, lots and holds (docs/ledger.md); admin only. */
  @GET
  @Path("/reconciliation")
  @Produces(MediaType.APPLICATION_JSON)
  public Response reconcile(
      @PathParam("ws") String ws, @PathParam("org") String org, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    return JsonOutput.ok(
        ReconciliationDtos.reconciliation(ledger.reconcile(WalletRef.of(ws, org))));
  }

  /** The wallet's hash chain and seals verified (docs/ledger.md); admin only. */
  @GET
  @Path("/verification")
  @Produces(MediaType.APPLICATION_JSON)
  public Response verify(
      @PathParam("ws") String ws, @PathParam("org") String org, @Context SecurityContext sc) {
    access.require(sc, ws, Access.ADMIN);
    return JsonOutput.ok(ReconciliationDtos.verification(ledger.verify(WalletRef.of(ws, org))));
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static Set<EntryType> types(Params p, List<String> values) {
    Set<EntryType> types = EnumSet.noneOf(EntryType.class);
    for (String value : values == null ? List.<String>of() : values) {
      for (String name : value.split(",")) {
        EntryType t = p.enumValue("type", name.trim(), EntryType.class);
        if (t != null) {
          types.add(t);
        }
      }
    }
    return types;
  }

  /** {@code {direction: ADD|DEDUCT, credits, reason, description?, expiresAt?}}; team only. */
  @POST
  @Path("/adjustments")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response adjust(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "direction", "credits", "reason", "description", "expiresAt");
    Direction direction = f.enumValue("direction", Direction.class, REQUIRED);
    BigDecimal credits = f.credits("credits", REQUIRED);
    ReasonCode reason = f.enumValue("reason", ReasonCode.class, REQUIRED);
    String description =
        f.string(
            "description",
            Presence.requiredIf(direction == Direction.DEDUCT),
            LedgerEntryView.MAX_DESCRIPTION_LENGTH);
    Instant expiresAt = f.instant("expiresAt", OPTIONAL);
    if (direction == Direction.DEDUCT && f.has("expiresAt")) {
      f.fail("expiresAt", "applies to ADD only");
    }
    f.check();
    WalletRef wallet = WalletRef.of(ws, org);
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey -> {
          AdjustmentRequest r =
              new AdjustmentRequest(
                  wallet, credits, reason, description, expiresAt, caller.actor(), sdkKey);
          LedgerEntryView e =
              direction == Direction.ADD ? ledger.addManually(r) : ledger.deductManually(r);
          return JsonOutput.created(Dtos.entry(e));
        });
  }

  /**
   * {@code {credits, description?, references?: {packageId?, purchaseId?, offeringId?,
   * requestId?}}}: records usage of the host's service, a USAGE debit drawn from the wallet's lots
   * (201 with the entry; 402 with the shortfall and the packages that would cover it). Team only:
   * usage is what the host meters, not something a client reports about itself. The description is
   * one line (no control characters): it shows in the client's history and CSV exports.
   */
  @POST
  @Path("/usage")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response usage(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "credits", "description", "references");
    BigDecimal credits = f.credits("credits", REQUIRED);
    String description = f.string("description", OPTIONAL, LedgerEntryView.MAX_DESCRIPTION_LENGTH);
    if (description != null && TextChecks.controlChar(description) >= 0) {
      f.fail("description", "must be one line, without control characters (CR, LF, TAB, ESC…)");
    }
    References references = references(f);
    f.check();
    WalletRef wallet = WalletRef.of(ws, org);
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.created(
                Dtos.entry(
                    ledger.consume(
                        new ConsumeRequest(
                            wallet, credits, description, references, caller.actor(), sdkKey)))));
  }

  /** The longest id a reference may hold, as the SDK stores them. */
  static final int REFERENCE_MAX = References.MAX_ID_LENGTH;

  /** The optional {@code references} object of a body, each id without control characters. */
  static References references(Fields f) {
    Fields r = f.object("references", "packageId", "purchaseId", "offeringId", "requestId");
    if (r == null) {
      return References.NONE;
    }
    return new References(
        r.id("packageId", OPTIONAL, REFERENCE_MAX),
        r.id("purchaseId", OPTIONAL, REFERENCE_MAX),
        r.id("offeringId", OPTIONAL, REFERENCE_MAX),
        r.id("requestId", OPTIONAL, REFERENCE_MAX));
  }

  /** Whether an adjustment adds or deducts credits. */
  public enum Direction {
    ADD,
    DEDUCT
  }

  /**
   * The organization's holds, newest first, in the states asked for ({@code status}); team only.
   */
  @GET
  @Path("/holds")
  @Produces(MediaType.APPLICATION_JSON)
  public Response holds(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @QueryParam("status") List<String> statuses,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    Params p = new Params();
    Set<HoldStatus> wanted = EnumSet.noneOf(HoldStatus.class);
    for (String value : statuses == null ? List.<String>of() : statuses) {
      for (String name : value.split(",")) {
        HoldStatus s = p.enumValue("status", name.trim(), HoldStatus.class);
        if (s != null) {
          wanted.add(s);
        }
      }
    }
    HoldQuery q = new HoldQuery(WalletRef.of(ws, org), wanted, cursor, p.limit(limit));
    p.check();
    HoldPage page = organizations.holds(q);
    return JsonOutput.ok(
        new PageResponse<>(page.items().stream().map(Dtos::hold).toList(), page.nextCursor()));
  }

  /** {@code {credits, timeout?, description?}}: reserves credits; team only. */
  @POST
  @Path("/holds")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response hold(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "credits", "timeout", "description");
    BigDecimal credits = f.credits("credits", REQUIRED);
    Duration timeout = f.duration("timeout", OPTIONAL);
    String description = f.string("description", OPTIONAL, LedgerEntryView.MAX_DESCRIPTION_LENGTH);
    f.check();
    WalletRef wallet = WalletRef.of(ws, org);
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.created(
                Dtos.hold(
                    ledger.hold(
                        new HoldRequest(
                            wallet,
                            credits,
                            timeout == null ? Duration.ofHours(1) : timeout,
                            description,
                            References.NONE,
                            caller.actor(),
                            sdkKey)))));
  }
}
