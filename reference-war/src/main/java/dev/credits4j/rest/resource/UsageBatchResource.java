package dev.credits4j.rest.resource;

import static dev.credits4j.rest.json.Presence.OPTIONAL;
import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.ConsumeOutcome;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.References;
import dev.credits4j.api.WalletRef;
import dev.credits4j.rest.dto.Dtos;
import dev.credits4j.rest.idempotency.Idempotency;
import dev.credits4j.rest.json.Fields;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.RequestBodies;
import dev.credits4j.rest.json.TextChecks;
import dev.credits4j.rest.problem.Problems;
import dev.credits4j.rest.security.Access;
import dev.credits4j.rest.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /usage/batch}: up to {@link CreditLedger#MAX_BATCH} usage debits of the workspace's
 * organizations in one request, each with its own {@code idempotencyKey}, each answered on its own
 * in input order ({@link CreditLedger#consumeBatch}). Team only, as single usage is.
 */
@RequestScoped
@Path("/v1/workspaces/{ws}/usage/batch")
public class UsageBatchResource {
  /** The largest batch body: 1,000 items with long descriptions and references fit. */
  static final int MAX_BYTES = 1024 * 1024;

  /** The longest item key, as the SDK's ledger keys allow. */
  static final int KEY_MAX = LedgerEntryView.MAX_IDEMPOTENCY_KEY_LENGTH;

  @Inject Access access;
  @Inject CreditLedger ledger;
  @Inject Idempotency idempotency;

  /**
   * {@code {items: [{organization, credits, idempotencyKey, description?, references?}, ...]}}: 200
   * with {@code {items: [{status: 201, entry} | problem with its status, ...]}}. An item's fault is
   * that item's 400; a batch that is not one (no items, more than 1,000, an item that is not an
   * object) is a 400 for the whole request and runs nothing. An {@code Idempotency-Key} header,
   * optional, replays the whole answer; without one, a rerun replays item by item.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response consume(
      @PathParam("ws") String ws,
      @HeaderParam(Idempotency.HEADER) String key,
      @Context SecurityContext sc,
      @Context UriInfo uri,
      InputStream in) {
    Caller caller = access.require(sc, ws, Access.TEAM);
    JsonObject body = RequestBodies.read(in, REQUIRED, MAX_BYTES);
    JsonArray items = items(body);
    // Each item runs in transactions of its own (a refusal must not undo the others): the whole
    // request's key, if any, is kept outside them, and the items' own keys make a rerun safe.
    return idempotency.executeOutside(
        caller, ws, key, uri.getPath(), body, sdkKey -> run(ws, caller, items));
  }

  private Response run(String ws, Caller caller, JsonArray items) {
    String[] answers = new String[items.size()];
    List<ConsumeRequest> valid = new ArrayList<>(items.size());
    List<Integer> positions = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        valid.add(request(ws, items.getJsonObject(i), caller));
        positions.add(i);
      } catch (CreditsException e) {
        answers[i] = problem(e);
      }
    }
    if (!valid.isEmpty()) {
      List<ConsumeOutcome> outcomes = ledger.consumeBatch(valid);
      for (int j = 0; j < outcomes.size(); j++) {
        ConsumeOutcome o = outcomes.get(j);
        answers[positions.get(j)] =
            o.consumed()
                ? "{\"status\":201,\"entry\":" + JsonOutput.toJson(Dtos.entry(o.entry())) + "}"
                : problem(o.refusal());
      }
    }
    StringBuilder json = new StringBuilder("{\"items\":[");
    for (int i = 0; i < answers.length; i++) {
      json.append(i == 0 ? "" : ",").append(answers[i]);
    }
    return Response.ok(json.append("]}").toString())
        .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .build();
  }

  /** The body's {@code items}: 1 to 1,000 objects, or a 400 for the whole request. */
  private static JsonArray items(JsonObject body) {
    Fields f = Fields.of(body, "items");
    f.check();
    JsonValue v = body.get("items");
    if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY) {
      throw whole("items", "is required: an array of 1 to " + CreditLedger.MAX_BATCH + " items");
    }
    JsonArray items = v.asJsonArray();
    if (items.isEmpty() || items.size() > CreditLedger.MAX_BATCH) {
      throw whole(
          "items", "must hold 1 to " + CreditLedger.MAX_BATCH + " items, held " + items.size());
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
        throw whole("items[" + i + "]", "must be an object");
      }
    }
    return items;
  }

  private static CreditsException whole(String field, String problem) {
    return new CreditsException(
        ErrorCode.INVALID_REQUEST,
        field + " " + problem + "; nothing was consumed",
        List.of(new FieldViolation(field, problem)));
  }

  /** One item as the SDK's request; its faults name its own fields. */
  private static ConsumeRequest request(String ws, JsonObject item, Caller caller) {
    Fields f =
        Fields.of(item, "organization", "credits", "idempotencyKey", "description", "references");
    String organization = f.id("organization", REQUIRED, WalletRef.MAX_ORGANIZATION_LENGTH);
    BigDecimal credits = f.credits("credits", REQUIRED);
    String key = f.id("idempotencyKey", REQUIRED, KEY_MAX);
    String description = f.string("description", OPTIONAL, LedgerEntryView.MAX_DESCRIPTION_LENGTH);
    if (description != null && TextChecks.controlChar(description) >= 0) {
      f.fail("description", "must be one line, without control characters (CR, LF, TAB, ESC…)");
    }
    References references = OrganizationResource.references(f);
    f.check();
    return new ConsumeRequest(
        WalletRef.of(ws, organization), credits, description, references, caller.actor(), key);
  }

  private static String problem(CreditsException e) {
    return (String) Problems.of(e).getEntity();
  }
}
