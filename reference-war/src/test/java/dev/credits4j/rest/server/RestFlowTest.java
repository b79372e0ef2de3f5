package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every path of the API succeeding through HTTP, on each database. */
@Tag("database")
class RestFlowTest extends RestTestBase {

  @BeforeAll
  void workspace() {
    setUpWorkspace();
  }

  @Test
  void settingsAreReadAndReplacedByTheAdmin() {
    JsonObject s = ok(get("admin", "settings"));
    assertThat(s.getString("key")).isEqualTo(ws);
    assertThat(s.getString("currency")).isEqualTo("USD");
    assertThat(s.getJsonObject("baseCreditRate").getString("amount")).isEqualTo("1.00");
    assertThat(s.getJsonArray("warningDays").toString()).isEqualTo("[30,7]");

    JsonObject replaced =
        ok(
            api.put(
                "admin",
                path("settings"),
                "{\"currency\":\"USD\",\"name\":\"Agency\",\"gracePeriodDays\":3,"
                    + "\"warningDays\":[14],\"timeZone\":\"Europe/Paris\","
                    + "\"baseCreditRate\":{\"amount\":\"1.00\",\"currency\":\"USD\"}}"));
    assertThat(replaced.getString("name")).isEqualTo("Agency");
    assertThat(replaced.getInt("gracePeriodDays")).isEqualTo(3);
    assertThat(replaced.getString("timeZone")).isEqualTo("Europe/Paris");
    assertThat(ok(get("admin", "settings"))).isEqualTo(replaced);
  }

  @Test
  void packagesAreListedReadReplacedAndDeactivated() {
    JsonObject pro = ok(get("team", "packages/" + professional));
    assertThat(pro.getJsonNumber("credits").intValue()).isEqualTo(500);
    assertThat(pro.getJsonObject("price").getString("amount")).isEqualTo("449.00");
    assertThat(pro.getJsonObject("pricePerCredit").getString("amount")).isEqualTo("0.898");
    assertThat(pro.getJsonNumber("discountPercent").toString()).isEqualTo("10.20");
    assertThat(pro.getBoolean("featured")).isTrue();

    List<String> names = new ArrayList<>();
    for (JsonValue v : ok(get("team", "packages")).getJsonArray("items")) {
      names.add(v.asJsonObject().getString("name"));
    }
    assertThat(names).contains("Starter", "Professional", "Enterprise");

    String id = id(created(post("admin", "packages", pkg("Seasonal", 50, "45.00", 30, false, 40))));
    JsonObject updated =
        ok(api.put("admin", path("packages/" + id), pkg("Seasonal", 60, "50.00", 30, false, 40)));
    assertThat(updated.getJsonNumber("credits").intValue()).isEqualTo(60);
    JsonObject deactivated = ok(api.delete("admin", path("packages/" + id)));
    assertThat(deactivated.getBoolean("active")).isFalse();
    assertThat(ok(get("team", "packages?status=INACTIVE")).getJsonArray("items").toString())
        .contains(id);
    assertThat(ok(get("acme", "catalog")).toString()).doesNotContain(id);
  }

  @Test
  void aPackagesOwnRolloverRuleIsStoredReturnedAndReplaced() {
    String body =
        "{\"name\":\"Rolling\",\"credits\":100,\"price\":{\"amount\":\"150.00\","
            + "\"currency\":\"USD\"},\"expiryDays\":30,"
            + "\"rollover\":{\"enabled\":true,\"capCredits\":40,\"capPercent\":50}}";
    JsonObject made = created(post("admin", "packages", body));
    JsonObject rule = made.getJsonObject("rollover");
    assertThat(rule.getBoolean("enabled")).isTrue();
    assertThat(rule.getJsonNumber("capCredits").toString()).isEqualTo("40");
    assertThat(rule.getInt("capPercent")).isEqualTo(50);
    String id = id(made);
    assertThat(ok(get("team", "packages/" + id)).getJsonObject("rollover")).isEqualTo(rule);

    JsonObject disabled =
        ok(
            api.put(
                "admin",
                path("packages/" + id),
                body.replace(
                    "{\"enabled\":true,\"capCredits\":40,\"capPercent\":50}",
                    "{\"enabled\":false}")));
    assertThat(disabled.getJsonObject("rollover").getBoolean("enabled")).isFalse();
    assertThat(disabled.getJsonObject("rollover").keySet()).containsExactly("enabled");

    // Without one, the package follows the workspace's settings: no rollover in the response.
    JsonObject follows =
        ok(api.put("admin", path("packages/" + id), pkg("Rolling", 100, "150.00", 30, false, 0)));
    assertThat(follows.containsKey("rollover")).isFalse();
    assertThat(ok(get("team", "packages/" + id)).containsKey("rollover")).isFalse();
    ok(api.delete("admin", path("packages/" + id)));
  }

  @Test
  void clientsSeeTheCatalogFeaturedFirst() {
    JsonArray items = ok(get("acme", "catalog")).getJsonArray("items");
    assertThat(items.getJsonObject(0).getString("name")).isEqualTo("Professional");
    assertThat(items.size()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void offeringsAreListedReadAndReplaced() {
    JsonObject o = ok(get("acme", "offerings/" + blog));
    assertThat(o.getJsonNumber("unitSize").intValue()).isEqualTo(1000);
    assertThat(ok(get("acme", "offerings")).getJsonArray("items").size()).isGreaterThanOrEqualTo(3);
    String id =
        id(
            created(
                post(
                    "admin",
                    "offerings",
                    "{\"name\":\"Website\",\"pricingType\":\"STANDARD\","
                        + "\"price\":{\"amount\":\"1500.00\",\"currency\":\"USD\"}}")));
    JsonObject replaced =
        ok(
            api.put(
                "admin",
                path("offerings/" + id),
                "{\"name\":\"Website\",\"pricingType\":\"STANDARD\",\"active\":false,"
                    + "\"price\":{\"amount\":\"1600.00\",\"currency\":\"USD\"}}"));
    assertThat(replaced.getBoolean("active")).isFalse();
    assertThat(replaced.getJsonObject("price").getString("amount")).isEqualTo("1600.00");
    problem(get("acme", "offerings/" + id), 404, "offering-not-found");
    assertThat(ok(get("acme", "offerings")).toString()).doesNotContain(id);
    assertThat(ok(get("team", "offerings")).toString()).contains(id);
  }

  @Test
  void aPurchaseIsCreatedByTheClientConfirmedByTheTeamAndRefunded() {
    String org = "buyer";
    ok(api.put("team", path("organizations/" + org), null));
    JsonObject p =
        created(
            post(
                "team",
                "organizations/" + org + "/purchases",
                "{\"packageId\":\"" + professional + "\"}"));
    assertThat(p.getString("status")).isEqualTo("PENDING");
    assertThat(p.getString("gateway")).isEqualTo("manual");

    JsonObject confirmed =
        ok(post("team", "purchases/" + id(p) + "/confirm", "{\"reference\":\"BANK-2001\"}"));
    assertThat(confirmed.getString("status")).isEqualTo("CREDITED");
    assertThat(confirmed.getJsonObject("amountPaid").getString("amount")).isEqualTo("449.00");
    assertThat(balance(org)).isEqualByComparingTo("500");
    assertThat(ok(get("team", "purchases/" + id(p))).getString("status")).isEqualTo("CREDITED");
    assertThat(ok(get("team", "organizations/" + org + "/purchases")).getJsonArray("items").size())
        .isEqualTo(1);

    JsonObject refund =
        created(post("team", "purchases/" + id(p) + "/refund", "{\"credits\":100}"));
    assertThat(refund.getJsonObject("amount").getString("amount")).isEqualTo("89.80");
    assertThat(refund.getString("status")).isEqualTo("SENT");
    assertThat(refund.getBoolean("sent")).isTrue();
    assertThat(refund.getInt("attempts")).isEqualTo(1);
    assertThat(refund.getJsonObject("purchase").getString("status"))
        .isEqualTo("PARTIALLY_REFUNDED");
    assertThat(balance(org)).isEqualByComparingTo("400");
  }

  @Test
  void theClientsPurchaseIsItsOwn() {
    JsonObject p =
        created(
            post("acme", "organizations/acme/purchases", "{\"packageId\":\"" + starter + "\"}"));
    assertThat(p.getJsonObject("createdBy").getString("type")).isEqualTo("CLIENT");
    assertThat(ok(get("acme", "purchases/" + id(p))).getString("id")).isEqualTo(id(p));
    problem(get("globex", "purchases/" + id(p)), 404, "purchase-not-found");
  }

  @Test
  void requestsAreCreatedLimitedCancelledStartedAndDelivered() {
    String org = "requester";
    ok(api.put("team", path("organizations/" + org), "{}"));
    grant(org, 200);

    JsonObject first =
        created(
            post(
                "team",
                "organizations/" + org + "/requests",
                "{\"offeringId\":\"" + logo + "\",\"units\":1}"));
    assertThat(first.getJsonNumber("credits").intValue()).isEqualTo(25);
    problem(
        post(
            "team",
            "organizations/" + org + "/requests",
            "{\"offeringId\":\"" + logo + "\",\"units\":1}"),
        409,
        "request-limit-reached");

    JsonObject canceled =
        ok(post("team", "requests/" + id(first) + "/cancel", "{\"reason\":\"changed my mind\"}"));
    assertThat(canceled.getString("status")).isEqualTo("CANCELED");
    assertThat(canceled.getString("reversalEntry")).isNotBlank();
    assertThat(balance(org)).isEqualByComparingTo("200");

    JsonObject post =
        created(
            post(
                "team",
                "organizations/" + org + "/requests",
                "{\"offeringId\":\"" + blog + "\",\"units\":2500,\"notes\":\"SEO\"}"));
    assertThat(post.getJsonNumber("credits").intValue()).isEqualTo(45);
    assertThat(ok(post("team", "requests/" + id(post) + "/start", null)).getString("status"))
        .isEqualTo("IN_PROGRESS");
    assertThat(ok(post("team", "requests/" + id(post) + "/deliver", "{}")).getString("status"))
        .isEqualTo("DELIVERED");
    assertThat(ok(get("team", "requests/" + id(post))).getString("deliveredAt")).isNotBlank();
    assertThat(
            ok(get("team", "organizations/" + org + "/requests?status=DELIVERED"))
                .getJsonArray("items")
                .size())
        .isEqualTo(1);
    assertThat(balance(org)).isEqualByComparingTo("155");
  }

  @Test
  void insufficientCreditsAre402WithTheFiguresAndSuggestions() {
    String org = "poor";
    ok(api.put("team", path("organizations/" + org), "{}"));
    grant(org, 10);
    JsonObject p =
        problem(
            post(
                "team",
                "organizations/" + org + "/requests",
                "{\"offeringId\":\"" + blog + "\",\"units\":5000}"),
            402,
            "insufficient-credits");
    assertThat(p.getJsonNumber("balance").intValue()).isEqualTo(10);
    assertThat(p.getJsonNumber("available").intValue()).isEqualTo(10);
    assertThat(p.getJsonNumber("required").intValue()).isEqualTo(75);
    assertThat(p.getJsonNumber("shortfall").intValue()).isEqualTo(65);
    assertThat(p.getJsonArray("suggestedPackages").getJsonObject(0).getString("name"))
        .isEqualTo("Starter");
    assertThat(ok(get("team", "organizations/" + org + "/requests")).getJsonArray("items"))
        .isEmpty();
    assertThat(balance(org)).isEqualByComparingTo("10");
  }

  @Test
  void adjustmentsAddAndDeductWithReasons() {
    String org = "adjusted";
    ok(api.put("team", path("organizations/" + org), "{}"));
    JsonObject add =
        created(
            post(
                "team",
                "organizations/" + org + "/adjustments",
                "{\"direction\":\"ADD\",\"credits\":50,\"reason\":\"COMPENSATION\","
                    + "\"description\":\"late delivery\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}"));
    assertThat(add.getString("type")).isEqualTo("MANUAL_ADDITION");
    assertThat(add.getString("reason")).isEqualTo("COMPENSATION");
    JsonObject deduct =
        created(
            post(
                "admin",
                "organizations/" + org + "/adjustments",
                "{\"direction\":\"DEDUCT\",\"credits\":20,\"reason\":\"CORRECTION\","
                    + "\"description\":\"double grant\"}"));
    assertThat(deduct.getString("type")).isEqualTo("MANUAL_DEDUCTION");
    assertThat(deduct.getJsonNumber("amount").intValue()).isEqualTo(-20);
    assertThat(deduct.getJsonNumber("balanceAfter").intValue()).isEqualTo(30);
    JsonObject wallet = ok(get("team", "organizations/" + org + "/wallet"));
    assertThat(wallet.getJsonArray("lots").getJsonObject(0).getString("expiresAt"))
        .isEqualTo("2099-01-01T00:00:00Z");
    JsonObject organization = ok(get("team", "organizations/" + org));
    assertThat(organization.getJsonNumber("balance").intValue()).isEqualTo(30);
  }

  @Test
  void transfersMoveCreditsBetweenOrganizations() {
    ok(api.put("team", path("organizations/from-org"), "{}"));
    ok(api.put("team", path("organizations/to-org"), "{}"));
    grant("from-org", 100);
    JsonObject t =
        created(
            post(
                "team",
                "transfers",
                "{\"fromOrganization\":\"from-org\",\"toOrganization\":\"to-org\","
                    + "\"credits\":40,\"reason\":\"ADJUSTMENT\",\"description\":\"merger\"}"));
    assertThat(t.getJsonObject("outgoing").getString("type")).isEqualTo("TRANSFER_OUT");
    assertThat(t.getJsonObject("incoming").getString("counterparty")).isEqualTo("from-org");
    assertThat(balance("from-org")).isEqualByComparingTo("60");
    assertThat(balance("to-org")).isEqualByComparingTo("40");
  }

  @Test
  void aClientSeesItsTransfersButNotTheOtherOrganization() {
    grant("globex", 10);
    created(
        post(
            "team",
            "transfers",
            "{\"fromOrganization\":\"globex\",\"toOrganization\":\"acme\","
                + "\"credits\":3,\"reason\":\"ADJUSTMENT\",\"description\":\"gift\"}"));
    JsonObject asTeam = ok(get("team", "organizations/acme/transactions?type=TRANSFER_IN"));
    assertThat(asTeam.getJsonArray("items").getJsonObject(0).getString("counterparty"))
        .isEqualTo("globex");
    JsonObject asClient = ok(get("acme", "organizations/acme/transactions?type=TRANSFER_IN"));
    JsonObject entry = asClient.getJsonArray("items").getJsonObject(0);
    assertThat(entry.getString("type")).isEqualTo("TRANSFER_IN");
    assertThat(!entry.containsKey("counterparty") || entry.isNull("counterparty")).isTrue();
    assertThat(asClient.toString()).doesNotContain("globex");
  }

  @Test
  void holdsAreCapturedOrReleased() {
    String org = "holder";
    ok(api.put("team", path("organizations/" + org), "{}"));
    grant(org, 100);
    JsonObject h =
        created(
            post(
                "team",
                "organizations/" + org + "/holds",
                "{\"credits\":30,\"timeout\":\"PT2H\",\"description\":\"estimate\"}"));
    assertThat(h.getString("status")).isEqualTo("ACTIVE");
    JsonObject wallet = ok(get("team", "organizations/" + org + "/wallet"));
    assertThat(wallet.getJsonNumber("held").intValue()).isEqualTo(30);
    assertThat(wallet.getJsonNumber("available").intValue()).isEqualTo(70);
    assertThat(ok(get("team", "holds/" + id(h))).getString("status")).isEqualTo("ACTIVE");

    JsonObject c = ok(post("team", "holds/" + id(h) + "/capture", "{\"credits\":20}"));
    assertThat(c.getJsonObject("hold").getString("status")).isEqualTo("CAPTURED");
    assertThat(c.getJsonObject("entry").getJsonNumber("amount").intValue()).isEqualTo(-20);

    JsonObject h2 = created(post("team", "organizations/" + org + "/holds", "{\"credits\":10}"));
    assertThat(ok(post("team", "holds/" + id(h2) + "/release", null)).getString("status"))
        .isEqualTo("RELEASED");
    assertThat(balance(org)).isEqualByComparingTo("80");
  }

  @Test
  void transactionsArePagedByCursorAndFilteredByType() {
    String org = "paged";
    ok(api.put("team", path("organizations/" + org), "{}"));
    for (int i = 1; i <= 5; i++) {
      grant(org, i);
    }
    created(
        post(
            "team",
            "organizations/" + org + "/adjustments",
            "{\"direction\":\"DEDUCT\",\"credits\":1,\"reason\":\"PENALTY\",\"description\":\"x\"}"));
    Set<String> seen = new HashSet<>();
    List<Long> sequences = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String q =
          "organizations/"
              + org
              + "/transactions?limit=2"
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonObject page = ok(get("acme".equals(org) ? "acme" : "team", q));
      for (JsonValue v : page.getJsonArray("items")) {
        seen.add(v.asJsonObject().getString("id"));
        sequences.add(v.asJsonObject().getJsonNumber("sequence").longValue());
      }
      cursor = page.containsKey("nextCursor") ? page.getString("nextCursor") : null;
      pages++;
    } while (cursor != null);
    assertThat(seen).hasSize(6);
    assertThat(pages).isEqualTo(3);
    assertThat(sequences).isSortedAccordingTo((a, b) -> Long.compare(b, a));

    JsonArray deductions =
        ok(get("team", "organizations/" + org + "/transactions?type=MANUAL_DEDUCTION"))
            .getJsonArray("items");
    assertThat(deductions).hasSize(1);
    assertThat(
            ok(get(
                    "team",
                    "organizations/"
                        + org
                        + "/transactions?type=MANUAL_DEDUCTION,MANUAL_ADDITION&from=2000-01-01T00:00:00Z"))
                .getJsonArray("items"))
        .hasSize(6);
    assertThat(
            ok(get("team", "organizations/" + org + "/transactions?to=2000-01-01T00:00:00Z"))
                .getJsonArray("items"))
        .isEmpty();
  }

  @Test
  void theExpiryJobRunsForTheWorkspace() {
    JsonObject run = ok(post("admin", "jobs/expire", null));
    assertThat(run.getInt("lotsExpired")).isZero();
    assertThat(run.getString("asOf")).isNotBlank();
    JsonObject again = ok(post("admin", "jobs/expire", "{\"asOf\":\"2020-01-01T00:00:00Z\"}"));
    assertThat(again.getString("asOf")).isEqualTo("2020-01-01T00:00:00Z");
    problem(
        api.post("admin", "workspaces/no-such-ws/jobs/expire", null), 404, "workspace-not-found");
  }

  @Test
  void theWalletShowsCreditsExpiringSoon() {
    String org = "expiring";
    ok(api.put("team", path("organizations/" + org), "{}"));
    String soon = java.time.Instant.now().plus(java.time.Duration.ofDays(5)).toString();
    created(
        post(
            "team",
            "organizations/" + org + "/adjustments",
            "{\"direction\":\"ADD\",\"credits\":7,\"reason\":\"BONUS\",\"expiresAt\":\""
                + soon
                + "\"}"));
    grant(org, 3);
    JsonObject wallet = ok(get("team", "organizations/" + org + "/wallet"));
    JsonArray expiring = wallet.getJsonArray("expiringSoon");
    assertThat(expiring).hasSize(1);
    assertThat(expiring.getJsonObject(0).getJsonNumber("credits").intValue()).isEqualTo(7);
  }

  @Test
  void theOpenApiDocumentIsServedToAnyone() {
    Reply r = api.get(null, "openapi");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.json().getString("openapi")).startsWith("3.");
  }
}
