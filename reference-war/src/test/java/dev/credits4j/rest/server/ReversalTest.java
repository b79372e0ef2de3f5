package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code GET /organizations/{org}/transactions/{id}} and {@code POST .../reverse}: one entry, and
 * giving back the credits of a USAGE entry, by the agency, once per Idempotency-Key.
 */
@Tag("database")
@TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ReversalTest extends RestTestBase {
  private String usage;
  private String addition;
  private String other;

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    grant("acme", 100);
    created(
        post(
            "acme",
            "organizations/acme/requests",
            "{\"offeringId\":\"" + logo + "\",\"units\":1}"));
    usage = entry("USAGE");
    addition = entry("MANUAL_ADDITION");
    other = api.newWorkspace("admin", Map.of("team2", "team"), Map.of("acme2", "acme"));
  }

  private String entry(String type) {
    return ok(get("team", "organizations/acme/transactions?type=" + type))
        .getJsonArray("items")
        .getJsonObject(0)
        .getString("id");
  }

  private String reverse() {
    return "organizations/acme/transactions/" + usage + "/reverse";
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void oneEntryIsReadByItsOrganizationAndTheAgencyOnly() {
    JsonObject e = ok(get("acme", "organizations/acme/transactions/" + usage));
    assertThat(e.getString("id")).isEqualTo(usage);
    assertThat(e.getString("type")).isEqualTo("USAGE");
    assertThat(e.getJsonNumber("amount").intValue()).isEqualTo(-25);
    assertThat(ok(get("team", "organizations/acme/transactions/" + usage))).isEqualTo(e);
    problem(get("globex", "organizations/acme/transactions/" + usage), 404, "wallet-not-found");
    problem(get("team", "organizations/globex/transactions/" + usage), 404, "entry-not-found");
    problem(get("team", "organizations/acme/transactions/nope"), 404, "entry-not-found");
    problem(
        get("team", "organizations/acme/transactions/" + UUID.randomUUID()),
        404,
        "entry-not-found");
    problem(get("team2", "organizations/acme/transactions/" + usage), 404, "workspace-not-found");
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void badReversalsAre400NamingTheFieldAndChangeNothing() {
    String before = state("acme");
    field(post("team", reverse(), "{}"), "reason");
    field(post("team", reverse(), "{\"reason\":\"NOPE\"}"), "reason");
    field(post("team", reverse(), "{\"reason\":\"CORRECTION\",\"credits\":0}"), "credits");
    field(post("team", reverse(), "{\"reason\":\"CORRECTION\",\"credits\":-5}"), "credits");
    field(post("team", reverse(), "{\"reason\":\"CORRECTION\",\"credits\":26}"), "credits");
    field(post("team", reverse(), "{\"reason\":\"CORRECTION\",\"extra\":1}"), "extra");
    problem(
        post(
            "team",
            "organizations/acme/transactions/" + addition + "/reverse",
            "{\"reason\":\"CORRECTION\"}"),
        409,
        "entry-not-reversible");
    problem(
        post(
            "team",
            "organizations/globex/transactions/" + usage + "/reverse",
            "{\"reason\":\"CORRECTION\"}"),
        404,
        "entry-not-found");
    problem(
        post(
            "team",
            "organizations/acme/transactions/" + UUID.randomUUID() + "/reverse",
            "{\"reason\":\"CORRECTION\"}"),
        404,
        "entry-not-found");
    problem(post("acme", reverse(), "{\"reason\":\"CORRECTION\"}"), 403, "forbidden");
    problem(post("team2", reverse(), "{\"reason\":\"CORRECTION\"}"), 404, "workspace-not-found");
    problem(
        api.post("team2", "workspaces/" + other + "/" + reverse(), "{\"reason\":\"CORRECTION\"}"),
        404,
        "entry-not-found");
    assertThat(state("acme")).isEqualTo(before);
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void aPartialThenTheRestOnceEachAndReplaysAnswerTheFirst() {
    String body = "{\"credits\":10,\"reason\":\"CORRECTION\",\"description\":\"half done\"}";
    Reply first = api.post("team", path(reverse()), body, "rev-1");
    JsonObject e = created(first);
    assertThat(e.getString("type")).isEqualTo("REVERSAL");
    assertThat(e.getJsonNumber("amount").intValue()).isEqualTo(10);
    assertThat(e.getString("reason")).isEqualTo("CORRECTION");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(balance("acme")).isEqualByComparingTo(new BigDecimal(85));

    Reply replay = api.post("team", path(reverse()), body, "rev-1");
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(balance("acme")).isEqualByComparingTo(new BigDecimal(85));
    problem(
        api.post("team", path(reverse()), "{\"credits\":11,\"reason\":\"CORRECTION\"}", "rev-1"),
        409,
        "idempotency-conflict");

    JsonObject rest = created(post("admin", reverse(), "{\"reason\":\"CANCELLATION\"}"));
    assertThat(rest.getJsonNumber("amount").intValue()).isEqualTo(15);
    assertThat(balance("acme")).isEqualByComparingTo(new BigDecimal(100));
    String before = state("acme");
    problem(post("team", reverse(), "{\"reason\":\"CANCELLATION\"}"), 409, "already-reversed");
    assertThat(state("acme")).isEqualTo(before);
  }

  private static void field(Reply r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .as(r.toString())
        .isEqualTo(field);
  }
}
