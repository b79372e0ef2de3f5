package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Recurring offerings and {@code /organizations/{org}/subscriptions}, {@code /subscriptions/{id}}:
 * subscribed to by the client over HTTP, charged into the history, paused, resumed and cancelled.
 */
@Tag("database")
class SubscriptionRestTest extends RestTestBase {
  private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
  private String retainer;

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    retainer = recurring("Retainer", 30, "MONTHLY");
  }

  private String recurring(String name, int credits, String period) {
    JsonObject o =
        created(
            post(
                "admin",
                "offerings",
                "{\"name\":\""
                    + name
                    + "\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":"
                    + credits
                    + ",\"serviceType\":\"RECURRING\",\"period\":\""
                    + period
                    + "\"}"));
    assertThat(o.getString("serviceType")).isEqualTo("RECURRING");
    assertThat(o.getString("period")).isEqualTo(period);
    return id(o);
  }

  @Test
  void aClientSubscribesItsChargeIsInTheHistoryAndTheSubscriptionWalksItsLife() {
    ok(api.put("team", path("organizations/subs1"), "{}"));
    grant("subs1", 100);
    String body = "{\"offeringId\":\"" + retainer + "\"}";
    Reply first = api.post("team", path("organizations/subs1/subscriptions"), body, "sub-1");
    JsonObject s = created(first);
    assertThat(s.getString("status")).isEqualTo("ACTIVE");
    assertThat(s.getString("offeringName")).isEqualTo("Retainer");
    assertThat(s.getInt("periodsCharged")).isEqualTo(1);
    assertThat(s.getString("nextPeriodStart")).isEqualTo(today.plusMonths(1).toString());
    assertThat(s.containsKey("pauseReason")).isFalse();
    assertThat(balance("subs1")).isEqualByComparingTo(new BigDecimal(70));

    Reply replay = api.post("team", path("organizations/subs1/subscriptions"), body, "sub-1");
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.body()).isEqualTo(first.body());
    problem(post("team", "organizations/subs1/subscriptions", body), 409, "subscription-exists");

    String id = id(s);
    assertThat(ok(get("team", "subscriptions/" + id))).isEqualTo(s);
    assertThat(ids(ok(get("team", "organizations/subs1/subscriptions")))).containsExactly(id);
    JsonObject usage =
        ok(get("team", "organizations/subs1/transactions?type=USAGE"))
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(usage.getJsonObject("references").getString("subscriptionId")).isEqualTo(id);
    assertThat(usage.getJsonObject("references").getString("offeringId")).isEqualTo(retainer);
    JsonObject charge =
        ok(get("team", "subscriptions/" + id + "/charges")).getJsonArray("items").getJsonObject(0);
    assertThat(charge.getString("entryId")).isEqualTo(usage.getString("id"));
    assertThat(charge.getString("periodStart")).isEqualTo(today.toString());
    String csv =
        api.send(
                "team",
                "GET",
                path("organizations/subs1/transactions"),
                null,
                java.util.Map.of("Accept", "text/csv"))
            .body();
    assertThat(csv.lines().findFirst().orElseThrow()).contains("subscription_id");
    assertThat(csv).contains(id);

    JsonObject paused = ok(post("team", "subscriptions/" + id + "/pause", "{}"));
    assertThat(paused.getString("status")).isEqualTo("PAUSED");
    assertThat(paused.getString("pauseReason")).isEqualTo("REQUESTED");
    JsonObject resumed = ok(post("team", "subscriptions/" + id + "/resume", "{}"));
    assertThat(resumed.getString("status")).isEqualTo("ACTIVE");
    assertThat(resumed.getInt("periodsCharged")).as("this month was charged already").isEqualTo(1);
    JsonObject cancelled = ok(post("team", "subscriptions/" + id + "/cancel", "{}"));
    assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
    assertThat(cancelled.containsKey("nextPeriodStart")).isFalse();
    String before = state("subs1");
    problem(post("team", "subscriptions/" + id + "/resume", "{}"), 409, "subscription-state");
    assertThat(state("subs1")).isEqualTo(before);
    assertThat(balance("subs1")).isEqualByComparingTo(new BigDecimal(70));
  }

  @Test
  void aSubscriptionTheWalletCannotStartIs402WithTheShortfall() {
    ok(api.put("team", path("organizations/subs2"), "{}"));
    grant("subs2", 10);
    String before = state("subs2");
    JsonObject p =
        problem(
            post(
                "team",
                "organizations/subs2/subscriptions",
                "{\"offeringId\":\"" + retainer + "\"}"),
            402,
            "insufficient-credits");
    assertThat(p.getJsonNumber("shortfall").intValue()).isEqualTo(20);
    assertThat(state("subs2")).isEqualTo(before);
    assertThat(ok(get("team", "organizations/subs2/subscriptions")).getJsonArray("items"))
        .isEmpty();
  }

  @Test
  void badInputIs400OrTheRightProblemAndChangesNothing() {
    ok(api.put("team", path("organizations/subs3"), "{}"));
    grant("subs3", 100);
    String before = state("subs3");
    String path = "organizations/subs3/subscriptions";
    field(post("team", path, "{}"), "offeringId");
    field(post("team", path, "{\"offeringId\":\"not-a-uuid\"}"), "offeringId");
    field(
        post("team", path, "{\"offeringId\":\"" + retainer + "\",\"startDate\":\"2026-13-01\"}"),
        "startDate");
    field(
        post(
            "team",
            path,
            "{\"offeringId\":\"" + retainer + "\",\"startDate\":\"" + today.minusDays(1) + "\"}"),
        "startDate");
    field(
        post(
            "team",
            path,
            "{\"offeringId\":\"" + retainer + "\",\"startDate\":\"" + today.plusYears(2) + "\"}"),
        "startDate");
    field(post("team", path, "{\"offeringId\":\"" + retainer + "\",\"bogus\":1}"), "bogus");
    problem(
        post("team", path, "{\"offeringId\":\"" + UUID.randomUUID() + "\"}"),
        404,
        "offering-not-found");
    problem(post("team", path, "{\"offeringId\":\"" + logo + "\"}"), 400, "offering-not-recurring");
    problem(
        post(
            "team",
            "organizations/subs3/requests",
            "{\"offeringId\":\"" + retainer + "\",\"units\":1}"),
        400,
        "offering-recurring");
    problem(get("team", "subscriptions/" + UUID.randomUUID()), 404, "subscription-not-found");
    problem(get("team", "subscriptions/not-an-id"), 404, "subscription-not-found");
    field(
        post(
            "admin",
            "offerings",
            "{\"name\":\"Bad\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":5,"
                + "\"serviceType\":\"RECURRING\"}"),
        "period");
    field(
        post(
            "admin",
            "offerings",
            "{\"name\":\"Bad\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":5,"
                + "\"serviceType\":\"WEEKLY\"}"),
        "serviceType");
    assertThat(state("subs3")).isEqualTo(before);
    assertThat(ok(get("team", path)).getJsonArray("items")).isEmpty();
  }

  @Test
  void theJobChargesDuePeriodsOnce() {
    JsonObject run = ok(post("admin", "jobs/charge-subscriptions", "{}"));
    assertThat(run.getInt("failures")).isZero();
    JsonObject again = ok(post("admin", "jobs/charge-subscriptions", "{}"));
    assertThat(again.getInt("periodsCharged")).isZero();
    field(
        post(
            "admin",
            "jobs/charge-subscriptions",
            "{\"asOf\":\"" + java.time.Instant.now().plusSeconds(3600) + "\"}"),
        "asOf");
  }

  private static java.util.List<String> ids(JsonObject page) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (jakarta.json.JsonValue v : page.getJsonArray("items")) {
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
