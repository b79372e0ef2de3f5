package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import dev.credits4j.rest.dto.Dtos;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import javax.money.MonetaryAmount;

/** An organization's allotments (docs/allotments.md): set up and listed by the agency. */
@RequestScoped
@Path("/v1/workspaces/{ws}/organizations/{org}/allotments")
public class OrganizationAllotmentsResource {
  @Inject Access access;
  @Inject Idempotency idempotency;
  @Inject Allotments allotments;

  /**
   * {@code {credits, period, startDate, endDate?, costBasis?, unusedCredits?: {kind, minimum?,
   * maximum?}, description?}}: creates an ACTIVE allotment and grants every period already started.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f =
        Fields.of(
            body,
            "credits",
            "period",
            "startDate",
            "endDate",
            "costBasis",
            "unusedCredits",
            "description");
    BigDecimal credits = f.credits("credits", REQUIRED);
    AllotmentPeriod period = f.enumValue("period", AllotmentPeriod.class, REQUIRED);
    LocalDate start = date(f, "startDate", REQUIRED);
    LocalDate end = date(f, "endDate", OPTIONAL);
    MonetaryAmount costBasis = f.money("costBasis", OPTIONAL, -1);
    UnusedCreditsRule rule = null;
    Fields u = f.object("unusedCredits", "kind", "minimum", "maximum");
    if (u != null) {
      UnusedCreditsRule.Kind kind = u.enumValue("kind", UnusedCreditsRule.Kind.class, REQUIRED);
      BigDecimal min = u.creditsOrZero("minimum", OPTIONAL);
      BigDecimal max =
          u.credits("maximum", Presence.requiredIf(kind == UnusedCreditsRule.Kind.ROLLOVER_CAPPED));
      if (kind != UnusedCreditsRule.Kind.ROLLOVER_CAPPED) {
        if (u.has("minimum")) {
          u.fail("minimum", "applies to ROLLOVER_CAPPED only");
        }
        if (u.has("maximum")) {
          u.fail("maximum", "applies to ROLLOVER_CAPPED only");
        }
      }
      rule =
          kind == null
              ? null
              : new UnusedCreditsRule(
                  kind,
                  kind == UnusedCreditsRule.Kind.ROLLOVER_CAPPED
                      ? (min == null ? BigDecimal.ZERO : min)
                      : null,
                  kind == UnusedCreditsRule.Kind.ROLLOVER_CAPPED ? max : null);
    }
    String description = f.string("description", OPTIONAL, AllotmentView.MAX_DESCRIPTION_LENGTH);
    f.check();
    WalletRef wallet = WalletRef.of(ws, org);
    UnusedCreditsRule unused = rule;
    return idempotency.execute(
        caller,
        ws,
        key,
        uri.getPath(),
        body,
        sdkKey ->
            JsonOutput.created(
                Dtos.allotment(
                    allotments.create(
                        AllotmentRequest.builder(wallet, credits, period, start, caller.actor())
                            .endDate(end)
                            .costBasis(costBasis)
                            .unusedCredits(unused)
                            .description(description)
                            .idempotencyKey(sdkKey)
                            .build()))));
  }

  /** The organization's allotments, oldest first. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(
      @PathParam("ws") String ws,
      @PathParam("org") String org,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @Context SecurityContext sc) {
    access.require(sc, ws, Access.TEAM);
    Params p = new Params();
    int n = p.limit(limit);
    p.check();
    return JsonOutput.ok(
        p.page(
            allotments.list(WalletRef.of(ws, org)),
            a -> a.id().toString(),
            Dtos::allotment,
            cursor,
            n));
  }

  /** An ISO-8601 date such as {@code 2026-12-01}; null when absent and not required. */
  static LocalDate date(Fields f, String name, Presence presence) {
    String text = f.string(name, presence, 10);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      f.fail(name, "must be an ISO-8601 date such as 2026-12-01");
      return null;
    }
  }
}
