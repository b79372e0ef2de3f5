package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind gets a clear 4xx problem naming what is wrong, and changes nothing: the
 * wallet, its history, its requests and purchases read exactly the same after.
 */
@Tag("database")
class BadInputTest extends RestTestBase {

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    grant("acme", 100);
    grant("globex", 100);
  }

  record Case(
      String name, String method, String path, String body, int status, String code, String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  Stream<Arguments> cases() {
    String adj = "organizations/acme/adjustments";
    String req = "organizations/acme/requests";
    List<Case> c = new ArrayList<>();
    // credits: negative, zero, huge, non-numeric, fractional beyond the scale, wrong types
    for (String credits :
        List.of(
            "-5",
            "0",
            "1e13",
            "99999999999999999999",
            "0.00001",
            "\"10\"",
            "\"ten\"",
            "true",
            "[1]",
            "{}",
            "null")) {
      c.add(
          new Case(
              "adjustment credits " + credits,
              "POST",
              adj,
              "{\"direction\":\"ADD\",\"credits\":" + credits + ",\"reason\":\"BONUS\"}",
              400,
              "invalid-request",
              "credits"));
    }
    c.add(
        new Case(
            "credits beyond the workspace's scale",
            "POST",
            adj,
            "{\"direction\":\"ADD\",\"credits\":1.5,\"reason\":\"BONUS\"}",
            400,
            "invalid-amount",
            null));
    c.add(
        new Case(
            "deduction beyond the balance",
            "POST",
            adj,
            "{\"direction\":\"DEDUCT\",\"credits\":1000,\"reason\":\"PENALTY\",\"description\":\"x\"}",
            402,
            "insufficient-credits",
            null));
    c.add(
        new Case(
            "missing direction",
            "POST",
            adj,
            "{\"credits\":1,\"reason\":\"BONUS\"}",
            400,
            "invalid-request",
            "direction"));
    c.add(
        new Case(
            "unknown direction",
            "POST",
            adj,
            "{\"direction\":\"UP\",\"credits\":1,\"reason\":\"BONUS\"}",
            400,
            "invalid-request",
            "direction"));
    c.add(
        new Case(
            "unknown reason",
            "POST",
            adj,
            "{\"direction\":\"ADD\",\"credits\":1,\"reason\":\"WHIM\"}",
            400,
            "invalid-request",
            "reason"));
    c.add(
        new Case(
            "deduction without description",
            "POST",
            adj,
            "{\"direction\":\"DEDUCT\",\"credits\":1,\"reason\":\"PENALTY\"}",
            400,
            "invalid-request",
            "description"));
    c.add(
        new Case(
            "deduction with an expiry",
            "POST",
            adj,
            "{\"direction\":\"DEDUCT\",\"credits\":1,\"reason\":\"PENALTY\",\"description\":\"x\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}",
            400,
            "invalid-request",
            "expiresAt"));
    c.add(
        new Case(
            "expiry not an instant",
            "POST",
            adj,
            "{\"direction\":\"ADD\",\"credits\":1,\"reason\":\"BONUS\",\"expiresAt\":\"tomorrow\"}",
            400,
            "invalid-request",
            "expiresAt"));
    c.add(
        new Case(
            "unknown field",
            "POST",
            adj,
            "{\"direction\":\"ADD\",\"credits\":1,\"reason\":\"BONUS\",\"isAdmin\":true}",
            400,
            "invalid-request",
            "isAdmin"));
    c.add(new Case("empty body", "POST", adj, "", 400, "malformed-body", null));
    c.add(new Case("malformed JSON", "POST", adj, "{\"direction\":", 400, "malformed-body", null));
    c.add(new Case("JSON array", "POST", adj, "[1,2]", 400, "malformed-body", null));
    c.add(new Case("JSON scalar", "POST", adj, "42", 400, "malformed-body", null));
    c.add(new Case("trailing garbage", "POST", adj, "{} {}", 400, "malformed-body", null));
    c.add(
        new Case(
            "oversized body",
            "POST",
            adj,
            "{\"description\":\"" + "x".repeat(70_000) + "\"}",
            413,
            "payload-too-large",
            null));
    // service requests
    c.add(
        new Case(
            "request units zero",
            "POST",
            req,
            "{\"offeringId\":\"" + graphics + "\",\"units\":0}",
            400,
            "invalid-request",
            "units"));
    c.add(
        new Case(
            "request units negative",
            "POST",
            req,
            "{\"offeringId\":\"" + graphics + "\",\"units\":-1}",
            400,
            "invalid-request",
            "units"));
    c.add(
        new Case(
            "request without offering",
            "POST",
            req,
            "{\"units\":1}",
            400,
            "invalid-request",
            "offeringId"));
    c.add(
        new Case(
            "request offering not a UUID",
            "POST",
            req,
            "{\"offeringId\":\"logo\",\"units\":1}",
            400,
            "invalid-request",
            "offeringId"));
    c.add(
        new Case(
            "request for an unknown offering",
            "POST",
            req,
            "{\"offeringId\":\"" + UUID.randomUUID() + "\",\"units\":1}",
            404,
            "offering-not-found",
            null));
    c.add(
        new Case(
            "request beyond the balance",
            "POST",
            req,
            "{\"offeringId\":\"" + logo + "\",\"units\":5}",
            402,
            "insufficient-credits",
            null));
    // purchases
    c.add(
        new Case(
            "purchase of an unknown package",
            "POST",
            "organizations/acme/purchases",
            "{\"packageId\":\"" + UUID.randomUUID() + "\"}",
            404,
            "package-not-found",
            null));
    c.add(
        new Case(
            "purchase through an unknown gateway",
            "POST",
            "organizations/acme/purchases",
            "{\"packageId\":\"" + starter + "\",\"gateway\":\"cash\"}",
            400,
            "unknown-gateway",
            null));
    // transfers
    c.add(
        new Case(
            "transfer to the same organization",
            "POST",
            "transfers",
            "{\"fromOrganization\":\"acme\",\"toOrganization\":\"acme\",\"credits\":1}",
            400,
            "same-wallet-transfer",
            null));
    c.add(
        new Case(
            "transfer beyond the balance",
            "POST",
            "transfers",
            "{\"fromOrganization\":\"acme\",\"toOrganization\":\"globex\",\"credits\":101}",
            402,
            "insufficient-credits",
            null));
    c.add(
        new Case(
            "transfer to an unknown organization",
            "POST",
            "transfers",
            "{\"fromOrganization\":\"acme\",\"toOrganization\":\"nobody\",\"credits\":1}",
            404,
            "wallet-not-found",
            null));
    c.add(
        new Case(
            "transfer missing fields",
            "POST",
            "transfers",
            "{}",
            400,
            "invalid-request",
            "fromOrganization"));
    // holds
    c.add(
        new Case(
            "hold with a negative timeout",
            "POST",
            "organizations/acme/holds",
            "{\"credits\":1,\"timeout\":\"-PT1H\"}",
            400,
            "invalid-request",
            "timeout"));
    c.add(
        new Case(
            "hold beyond the balance",
            "POST",
            "organizations/acme/holds",
            "{\"credits\":1000}",
            402,
            "insufficient-credits",
            null));
    c.add(
        new Case(
            "capture of an unknown hold",
            "POST",
            "holds/" + UUID.randomUUID() + "/capture",
            "{\"credits\":1}",
            404,
            "hold-not-found",
            null));
    c.add(
        new Case(
            "release of a non-UUID hold",
            "POST",
            "holds/abc/release",
            "{}",
            404,
            "hold-not-found",
            null));
    // ids and paths
    c.add(
        new Case(
            "unknown organization",
            "GET",
            "organizations/nobody/wallet",
            null,
            404,
            "wallet-not-found",
            null));
    c.add(
        new Case(
            "unknown purchase",
            "POST",
            "purchases/" + UUID.randomUUID() + "/confirm",
            "{\"reference\":\"r\"}",
            404,
            "purchase-not-found",
            null));
    c.add(
        new Case(
            "unknown request",
            "POST",
            "requests/" + UUID.randomUUID() + "/cancel",
            "{}",
            404,
            "request-not-found",
            null));
    c.add(
        new Case(
            "unknown package",
            "GET",
            "packages/" + UUID.randomUUID(),
            null,
            404,
            "package-not-found",
            null));
    c.add(
        new Case(
            "unknown offering",
            "GET",
            "offerings/not-a-uuid",
            null,
            404,
            "offering-not-found",
            null));
    c.add(
        new Case(
            "bad page size",
            "GET",
            "organizations/acme/transactions?limit=0",
            null,
            400,
            "invalid-request",
            "limit"));
    c.add(
        new Case(
            "huge page size",
            "GET",
            "organizations/acme/transactions?limit=100000",
            null,
            400,
            "invalid-request",
            "limit"));
    c.add(
        new Case(
            "unknown entry type",
            "GET",
            "organizations/acme/transactions?type=GIFT",
            null,
            400,
            "invalid-request",
            "type"));
    c.add(
        new Case(
            "bad from",
            "GET",
            "organizations/acme/transactions?from=yesterday",
            null,
            400,
            "invalid-request",
            "from"));
    c.add(
        new Case(
            "bad cursor",
            "GET",
            "organizations/acme/purchases?cursor=nope",
            null,
            400,
            "invalid-request",
            "cursor"));
    // packages and offerings
    c.add(
        new Case(
            "package with a negative price",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":{\"amount\":\"-1.00\",\"currency\":\"USD\"}}",
            400,
            "invalid-request",
            "price.amount"));
    c.add(
        new Case(
            "package price beyond cents",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":{\"amount\":\"1.001\",\"currency\":\"USD\"}}",
            400,
            "invalid-request",
            "price.amount"));
    c.add(
        new Case(
            "package price in an unknown currency",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":{\"amount\":\"1.00\",\"currency\":\"XXY\"}}",
            400,
            "invalid-request",
            "price.currency"));
    c.add(
        new Case(
            "package price in another currency",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}",
            400,
            "currency-mismatch",
            null));
    c.add(
        new Case(
            "package price not an object",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":\"10 USD\"}",
            400,
            "invalid-request",
            "price"));
    c.add(
        new Case(
            "package rollover not an object",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":{\"amount\":\"1.00\",\"currency\":\"USD\"},"
                + "\"rollover\":true}",
            400,
            "invalid-request",
            "rollover"));
    c.add(
        new Case(
            "package rollover without enabled",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":{\"amount\":\"1.00\",\"currency\":\"USD\"},"
                + "\"rollover\":{\"capPercent\":50}}",
            400,
            "invalid-request",
            "rollover.enabled"));
    c.add(
        new Case(
            "package rollover with an unknown field",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":{\"amount\":\"1.00\",\"currency\":\"USD\"},"
                + "\"rollover\":{\"enabled\":true,\"max\":5}}",
            400,
            "invalid-request",
            "rollover.max"));
    c.add(
        new Case(
            "package rollover cap of zero credits",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":{\"amount\":\"1.00\",\"currency\":\"USD\"},"
                + "\"rollover\":{\"enabled\":true,\"capCredits\":0}}",
            400,
            "invalid-request",
            "rollover.capCredits"));
    c.add(
        new Case(
            "package rollover cap of 101 percent",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":{\"amount\":\"1.00\",\"currency\":\"USD\"},"
                + "\"rollover\":{\"enabled\":true,\"capPercent\":101}}",
            400,
            "invalid-request",
            "rollover.capPercent"));
    c.add(
        new Case(
            "package rollover cap beyond the credit scale",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":{\"amount\":\"1.00\",\"currency\":\"USD\"},"
                + "\"rollover\":{\"enabled\":true,\"capCredits\":1.5}}",
            400,
            "invalid-package",
            "rollover.capCredits"));
    c.add(
        new Case(
            "package rollover disabled with a cap",
            "POST",
            "packages",
            "{\"name\":\"P\",\"credits\":10,\"price\":{\"amount\":\"1.00\",\"currency\":\"USD\"},"
                + "\"rollover\":{\"enabled\":false,\"capPercent\":50}}",
            400,
            "invalid-package",
            "rollover.capPercent"));
    c.add(
        new Case(
            "offering of an unknown pricing type",
            "POST",
            "offerings",
            "{\"name\":\"O\",\"pricingType\":\"FREE\"}",
            400,
            "invalid-request",
            "pricingType"));
    c.add(
        new Case(
            "settings with an unknown currency",
            "PUT",
            "settings",
            "{\"currency\":\"usd\"}",
            400,
            "invalid-request",
            "currency"));
    c.add(
        new Case(
            "settings with a scale of 9",
            "PUT",
            "settings",
            "{\"currency\":\"USD\",\"creditScale\":9}",
            400,
            "invalid-request",
            "creditScale"));
    return c.stream().map(x -> Arguments.of(x));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedAndChangesNothing(Case c) {
    String before =
        state("acme")
            + state("globex")
            + ok(get("admin", "settings"))
            + ok(get("team", "packages?limit=500"))
            + ok(get("team", "offerings?limit=500"));
    String user =
        c.path().startsWith("packages") && c.method().equals("POST")
                || c.path().startsWith("offerings") && c.method().equals("POST")
                || c.path().equals("settings")
            ? "admin"
            : "team";
    Reply r = api.send(user, c.method(), path(c.path()), c.body(), Map.of());
    JsonObject p = problem(r, c.status(), c.code());
    if (c.field() != null) {
      assertThat(p.getJsonArray("errors"))
          .as(r.toString())
          .extracting(v -> ((JsonObject) v).getString("field"))
          .contains(c.field());
    }
    String after =
        state("acme")
            + state("globex")
            + ok(get("admin", "settings"))
            + ok(get("team", "packages?limit=500"))
            + ok(get("team", "offerings?limit=500"));
    assertThat(after).as("nothing changed").isEqualTo(before);
  }

  @Test
  void everyBadFieldIsNamedAtOnce() {
    Reply r =
        post(
            "team",
            "organizations/acme/adjustments",
            "{\"direction\":\"SIDEWAYS\",\"credits\":-1,\"reason\":7,\"expiresAt\":5,\"extra\":null}");
    JsonObject p = problem(r, 400, "invalid-request");
    assertThat(p.getJsonArray("errors"))
        .extracting(v -> ((JsonObject) v).getString("field"))
        .containsExactlyInAnyOrder("extra", "direction", "credits", "reason", "expiresAt");
  }

  @Test
  void aBodyThatIsNotJsonIs415AndInvalidUtf8Is400() {
    String before = state("acme");
    Reply text =
        api.send(
            "team",
            "POST",
            path("organizations/acme/adjustments"),
            "credits=5",
            Map.of("Content-Type", "text/plain"));
    problem(text, 415, "unsupported-media-type");
    Reply latin1 =
        api.sendBytes(
            "team",
            "POST",
            path("organizations/acme/adjustments"),
            "{\"description\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1),
            Map.of());
    problem(latin1, 400, "malformed-body");
    assertThat(state("acme")).isEqualTo(before);
  }

  @Test
  void hugeExponentsAreRefusedWithoutExpandingThem() {
    String before = state("acme");
    Reply r =
        post(
            "team",
            "organizations/acme/adjustments",
            "{\"direction\":\"ADD\",\"credits\":1e999999999,\"reason\":\"BONUS\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(state("acme")).isEqualTo(before);
    assertThat(JsonValue.ValueType.OBJECT).isEqualTo(r.json().getValueType());
  }
}
