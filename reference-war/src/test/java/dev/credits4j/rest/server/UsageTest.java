package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /organizations/{org}/usage} through real HTTP: the team records usage as a USAGE
 * debit (201 with the entry), once per Idempotency-Key; a shortfall is 402 with what would cover
 * it; bad input is 400 naming the field; clients may not record usage. Whatever is refused leaves
 * the wallet, its history, requests and purchases exactly as they were.
 */
@Tag("database")
class UsageTest extends RestTestBase {
  private static final String USAGE = "organizations/acme/usage";

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    grant("acme", 100);
    grant("globex", 100);
  }

  @Test
  void theTeamRecordsUsageAsAUsageDebit() {
    int before = balance("acme").intValueExact();
    JsonObject entry =
        created(
            post(
                "team",
                USAGE,
                "{\"credits\":7,\"description\":\"API calls, November\","
                    + "\"references\":{\"offeringId\":\"api\",\"requestId\":\"batch-7\"}}"));
    assertThat(entry.getString("type")).isEqualTo("USAGE");
    assertThat(entry.getJsonNumber("amount").intValue()).isEqualTo(-7);
    assertThat(entry.getJsonNumber("balanceAfter").intValue()).isEqualTo(before - 7);
    assertThat(entry.getString("description")).isEqualTo("API calls, November");
    assertThat(entry.getJsonObject("references")).containsOnlyKeys("offeringId", "requestId");
    assertThat(entry.getJsonObject("references").getString("requestId")).isEqualTo("batch-7");
    assertThat(entry.getJsonObject("actor").getString("id")).isEqualTo("team");
    assertThat(entry.getJsonArray("allocations")).isNotEmpty();
    assertThat(balance("acme").intValueExact()).isEqualTo(before - 7);

    JsonObject latest =
        get("acme", "organizations/acme/transactions?limit=1").items().getJsonObject(0);
    assertThat(latest.getString("id")).isEqualTo(entry.getString("id"));

    JsonObject byAdmin = created(post("admin", USAGE, "{\"credits\":1}"));
    assertThat(byAdmin.getJsonNumber("balanceAfter").intValue()).isEqualTo(before - 8);
    assertThat(byAdmin.containsKey("description")).isFalse();
  }

  @Test
  void aRetryWithTheSameKeyDebitsOnce() {
    int before = balance("acme").intValueExact();
    String body = "{\"credits\":3,\"description\":\"render job 42\"}";
    Reply first = api.post("team", path(USAGE), body, "usage-42");
    Reply replay = api.post("team", path(USAGE), body, "usage-42");
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.json().getString("id")).isEqualTo(first.json().getString("id"));
    assertThat(balance("acme").intValueExact()).isEqualTo(before - 3);

    String state = state("acme");
    problem(
        api.post(
            "team", path(USAGE), "{\"credits\":4,\"description\":\"render job 42\"}", "usage-42"),
        409,
        "idempotency-conflict");
    assertThat(state("acme")).isEqualTo(state);
  }

  @Test
  void aShortfallIs402WithWhatWouldCoverItAndDebitsNothing() {
    String before = state("acme");
    int balance = balance("acme").intValueExact();
    JsonObject p =
        problem(
            post("team", USAGE, "{\"credits\":" + (balance + 50) + "}"),
            402,
            "insufficient-credits");
    assertThat(p.getJsonNumber("balance").intValue()).isEqualTo(balance);
    assertThat(p.getJsonNumber("available").intValue()).isEqualTo(balance);
    assertThat(p.getJsonNumber("required").intValue()).isEqualTo(balance + 50);
    assertThat(p.getJsonNumber("shortfall").intValue()).isEqualTo(50);
    assertThat(p.getJsonArray("suggestedPackages")).isNotEmpty();
    assertThat(state("acme")).isEqualTo(before);
  }

  @Test
  void clientsMayNotRecordUsageAndUnknownOrganizationsAre404() {
    String before = state("acme") + state("globex");
    problem(post("acme", USAGE, "{\"credits\":1}"), 403, "forbidden");
    problem(post("globex", USAGE, "{\"credits\":1}"), 403, "forbidden");
    problem(api.post(null, path(USAGE), "{\"credits\":1}"), 401, "unauthenticated");
    problem(
        post("team", "organizations/initech/usage", "{\"credits\":1}"), 404, "wallet-not-found");
    assertThat(state("acme") + state("globex")).isEqualTo(before);
  }

  Stream<Arguments> badBodies() {
    List<Arguments> c = new ArrayList<>();
    for (String credits :
        List.of("-5", "0", "0.00001", "1e13", "99999999999999999999", "\"10\"", "true", "null")) {
      c.add(Arguments.of("{\"credits\":" + credits + "}", "invalid-request", "credits"));
    }
    c.add(Arguments.of("{}", "invalid-request", "credits"));
    c.add(Arguments.of("{\"description\":\"no credits\"}", "invalid-request", "credits"));
    // Whole credits in this workspace: a fraction is beyond its scale.
    c.add(Arguments.of("{\"credits\":1.5}", "invalid-amount", null));
    c.add(Arguments.of("{\"credits\":1,\"reason\":\"BONUS\"}", "invalid-request", "reason"));
    for (String control :
        List.of("\\n", "\\r", "\\t", "\\u001b", "\\u0000", "\\u007f", "\\u0085")) {
      c.add(
          Arguments.of(
              "{\"credits\":1,\"description\":\"line" + control + "forged\"}",
              "invalid-request",
              "description"));
    }
    c.add(Arguments.of("{\"credits\":1,\"description\":\"  \"}", "invalid-request", "description"));
    c.add(
        Arguments.of(
            "{\"credits\":1,\"description\":\"" + "x".repeat(501) + "\"}",
            "invalid-request",
            "description"));
    c.add(Arguments.of("{\"credits\":1,\"description\":5}", "invalid-request", "description"));
    c.add(Arguments.of("{\"credits\":1,\"references\":\"r\"}", "invalid-request", "references"));
    c.add(
        Arguments.of(
            "{\"credits\":1,\"references\":{\"orderId\":\"7\"}}",
            "invalid-request",
            "references.orderId"));
    c.add(
        Arguments.of(
            "{\"credits\":1,\"references\":{\"requestId\":\"a\\nb\"}}",
            "invalid-request",
            "references.requestId"));
    c.add(
        Arguments.of(
            "{\"credits\":1,\"references\":{\"requestId\":\"" + "r".repeat(65) + "\"}}",
            "invalid-request",
            "references.requestId"));
    c.add(
        Arguments.of(
            "{\"credits\":1,\"references\":{\"offeringId\":\" api\"}}",
            "invalid-request",
            "references.offeringId"));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void badInputIs400NamingTheFieldAndChangesNothing(String body, String code, String field) {
    String before = state("acme") + state("globex");
    JsonObject p = problem(post("team", USAGE, body), 400, code);
    if (field != null) {
      assertThat(p.getJsonArray("errors"))
          .as(p.toString())
          .extracting(v -> ((JsonObject) v).getString("field"))
          .contains(field);
    }
    // The same body with an Idempotency-Key is refused the same way.
    Reply keyed =
        api.post("team", path(USAGE), body, "bad-" + Integer.toHexString(body.hashCode()));
    assertThat(keyed.status()).as(keyed.toString()).isEqualTo(400);
    assertThat(state("acme") + state("globex")).as("nothing changed").isEqualTo(before);
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    String before = state("acme");
    problem(
        api.send("team", "POST", path(USAGE), "credits=1", Map.of("Content-Type", "text/plain")),
        415,
        "unsupported-media-type");
    assertThat(state("acme")).isEqualTo(before);
  }
}
