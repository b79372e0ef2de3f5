package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code /organizations/{org}/allotments} and {@code /allotments/{id}}: recurring grants set up,
 * listed, read, paused, resumed and cancelled by the agency over HTTP.
 */
@Tag("database")
class AllotmentRestTest extends RestTestBase {
  private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
  private String other;

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    other = api.newWorkspace("admin", Map.of("team2", "team"), Map.of("acme2", "acme"));
  }

  private String monthly(int credits, LocalDate start) {
    return "{\"credits\":"
        + credits
        + ",\"period\":\"MONTHLY\",\"startDate\":\""
        + start
        + "\",\"description\":\"Retainer\"}";
  }

  @Test
  void aMonthlyAllotmentGrantsItsFirstPeriodOnceAndWalksItsLife() {
    String body = monthly(100, today);
    Reply first = api.post("team", path("organizations/acme/allotments"), body, "allot-1");
    JsonObject a = created(first);
    assertThat(a.getString("organization")).isEqualTo("acme");
    assertThat(a.getString("status")).isEqualTo("ACTIVE");
    assertThat(a.getInt("periodsGranted")).isEqualTo(1);
    assertThat(a.getString("nextPeriodStart")).isEqualTo(today.plusMonths(1).toString());
    assertThat(a.getJsonObject("unusedCredits").getString("kind")).isEqualTo("EXPIRE");
    assertThat(balance("acme")).isEqualByComparingTo(new BigDecimal(100));

    Reply replay = api.post("team", path("organizations/acme/allotments"), body, "allot-1");
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(balance("acme")).isEqualByComparingTo(new BigDecimal(100));

    String id = id(a);
    assertThat(ok(get("team", "allotments/" + id))).isEqualTo(a);
    assertThat(ids(ok(get("admin", "organizations/acme/allotments")))).contains(id);
    JsonObject grant =
        ok(get("team", "allotments/" + id + "/grants")).getJsonArray("items").getJsonObject(0);
    assertThat(grant.getInt("periodIndex")).isZero();
    assertThat(grant.getJsonNumber("credits").intValue()).isEqualTo(100);
    assertThat(grant.getString("entryId"))
        .isEqualTo(
            ok(get("team", "organizations/acme/transactions?type=ALLOTMENT"))
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id"));

    assertThat(ok(post("team", "allotments/" + id + "/pause", "{}")).getString("status"))
        .isEqualTo("PAUSED");
    assertThat(ok(post("team", "allotments/" + id + "/pause", "")).getString("status"))
        .isEqualTo("PAUSED");
    assertThat(ok(post("team", "allotments/" + id + "/resume", "{}")).getString("status"))
        .isEqualTo("ACTIVE");
    JsonObject cancelled = ok(post("admin", "allotments/" + id + "/cancel", "{}"));
    assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
    assertThat(cancelled.containsKey("nextPeriodStart")).isFalse();
    assertThat(cancelled.getJsonObject("changedBy").getString("id")).isEqualTo("admin");
    String before = state("acme");
    problem(post("team", "allotments/" + id + "/resume", "{}"), 409, "allotment-state");
    problem(post("team", "allotments/" + id + "/pause", "{}"), 409, "allotment-state");
    assertThat(state("acme")).isEqualTo(before);
    assertThat(balance("acme")).isEqualByComparingTo(new BigDecimal(100));
  }

  @Test
  void aCappedRolloverRuleIsKept() {
    JsonObject a =
        created(
            post(
                "team",
                "organizations/globex/allotments",
                "{\"credits\":50,\"period\":\"WEEKLY\",\"startDate\":\""
                    + today.plusDays(3)
                    + "\",\"unusedCredits\":{\"kind\":\"ROLLOVER_CAPPED\",\"minimum\":5,"
                    + "\"maximum\":20},\"costBasis\":{\"amount\":\"0.50\",\"currency\":\"USD\"}}"));
    assertThat(a.getInt("periodsGranted")).isZero();
    assertThat(a.getJsonObject("unusedCredits").getJsonNumber("maximum").intValue()).isEqualTo(20);
    assertThat(a.getJsonObject("unusedCredits").getJsonNumber("minimum").intValue()).isEqualTo(5);
    assertThat(a.getJsonObject("costBasis").getString("amount")).isEqualTo("0.50");
  }

  @Test
  void badInputIs400NamingTheFieldAndChangesNothing() {
    String before = state("acme");
    String list = get("team", "organizations/acme/allotments").body();
    String path = "organizations/acme/allotments";
    field(
        post("team", path, "{\"period\":\"MONTHLY\",\"startDate\":\"" + today + "\"}"), "credits");
    field(post("team", path, monthly(0, today)), "credits");
    field(post("team", path, monthly(-5, today)), "credits");
    field(
        post("team", path, "{\"credits\":5,\"period\":\"HOURLY\",\"startDate\":\"" + today + "\"}"),
        "period");
    field(
        post("team", path, "{\"credits\":5,\"period\":\"DAILY\",\"startDate\":\"2026-13-01\"}"),
        "startDate");
    field(post("team", path, "{\"credits\":5,\"period\":\"DAILY\"}"), "startDate");
    field(post("team", path, monthly(5, today.minusYears(2))), "startDate");
    field(
        post(
            "team",
            path,
            "{\"credits\":5,\"period\":\"DAILY\",\"startDate\":\""
                + today
                + "\",\"unusedCredits\":{\"kind\":\"ROLLOVER_CAPPED\"}}"),
        "unusedCredits.maximum");
    field(
        post(
            "team",
            path,
            "{\"credits\":5,\"period\":\"DAILY\",\"startDate\":\""
                + today
                + "\",\"unusedCredits\":{\"kind\":\"EXPIRE\",\"maximum\":3}}"),
        "unusedCredits.maximum");
    field(post("team", path, "{\"credits\":5,\"bogus\":1}"), "bogus");
    assertThat(state("acme")).isEqualTo(before);
    assertThat(get("team", "organizations/acme/allotments").body()).isEqualTo(list);
  }

  @Test
  void otherWorkspacesUnknownIdsAndClientsAreRefused() {
    String theirs =
        id(
            created(
                api.post(
                    "team2",
                    "workspaces/" + other + "/organizations/acme/allotments",
                    monthly(5, today.plusMonths(2)))));
    problem(get("team", "allotments/" + theirs), 404, "allotment-not-found");
    problem(post("team", "allotments/" + theirs + "/cancel", "{}"), 404, "allotment-not-found");
    assertThat(
            ok(api.get("team2", "workspaces/" + other + "/allotments/" + theirs))
                .getString("status"))
        .isEqualTo("ACTIVE");
    problem(get("team", "allotments/" + UUID.randomUUID()), 404, "allotment-not-found");
    problem(get("team", "allotments/not-an-id"), 404, "allotment-not-found");
    problem(
        post("team", "organizations/nobody/allotments", monthly(5, today)),
        404,
        "wallet-not-found");
    problem(get("team2", "organizations/acme/allotments"), 404, "workspace-not-found");
    problem(get("acme", "organizations/acme/allotments"), 403, "forbidden");
    problem(post("acme", "organizations/acme/allotments", monthly(5, today)), 403, "forbidden");
    assertThat(ids(ok(get("team", "organizations/acme/allotments")))).doesNotContain(theirs);
  }

  @Test
  void listsPageOldestFirst() {
    List<String> made = new ArrayList<>();
    ok(api.put("team", path("organizations/paged"), "{}"));
    for (int i = 1; i <= 3; i++) {
      made.add(
          id(
              created(
                  post("team", "organizations/paged/allotments", monthly(i, today.plusDays(i))))));
    }
    List<String> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page =
          ok(
              get(
                  "team",
                  "organizations/paged/allotments?limit=2"
                      + (cursor == null ? "" : "&cursor=" + cursor)));
      walked.addAll(ids(page));
      cursor = page.getString("nextCursor", null);
      pages++;
    } while (cursor != null && pages < 5);
    assertThat(walked).isEqualTo(made);
    assertThat(pages).isEqualTo(2);
    field(get("team", "organizations/paged/allotments?limit=0"), "limit");
    field(get("team", "organizations/paged/allotments?cursor=zzz"), "cursor");
  }

  private static List<String> ids(JsonObject page) {
    List<String> ids = new ArrayList<>();
    for (JsonValue v : page.getJsonArray("items")) {
      ids.add(v.asJsonObject().getString("id"));
    }
    return ids;
  }

  private static void field(Reply r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .as(r.toString())
        .isEqualTo(field);
  }
}
