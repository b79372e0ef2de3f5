package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the team console reads that no other operation gave: an organization's name and flag on
 * {@code GET /organizations/{org}}, every organization's purchases in one list (filtered by state,
 * paged with a cursor), and the liability as a series of days or months (JSON and CSV).
 */
@Tag("database")
class ConsoleApiTest extends RestTestBase {
  private ZoneId zone;
  private final List<String> pending = new ArrayList<>();
  private String credited;

  @BeforeAll
  void scenario() {
    setUpWorkspace();
    zone = ZoneId.of(ok(get("admin", "settings")).getString("timeZone"));
    // Three manual purchases left pending (two of acme, one of globex), one confirmed.
    for (String[] o :
        new String[][] {{"acme", starter}, {"globex", starter}, {"acme", enterprise}}) {
      pending.add(
          0,
          id(
              created(
                  post(
                      o[0],
                      "organizations/" + o[0] + "/purchases",
                      "{\"packageId\":\"" + o[1] + "\"}"))));
    }
    credited =
        id(
            created(
                post(
                    "team",
                    "organizations/acme/purchases",
                    "{\"packageId\":\"" + professional + "\"}")));
    ok(post("team", "purchases/" + credited + "/confirm", "{\"reference\":\"BANK-1\"}"));
  }

  @Test
  void anOrganizationCarriesItsNameFlagAndRegistration() {
    JsonObject acme = ok(get("team", "organizations/acme"));
    assertThat(acme.getString("displayName")).isEqualTo("acme Inc.");
    assertThat(acme.getString("organization")).isEqualTo("acme");
    assertThat(acme.getJsonNumber("balance").bigDecimalValue()).isEqualByComparingTo("500");
    assertThat(acme.getBoolean("lowBalance")).isFalse();
    assertThat(acme.getString("registeredAt")).isNotBlank();
    // registering again answers the same name
    JsonObject again = ok(api.put("team", path("organizations/acme"), "{}"));
    assertThat(again.getString("displayName")).isEqualTo("acme Inc.");
    problem(get("team", "organizations/nobody"), 404, "wallet-not-found");
    problem(get("acme", "organizations/acme"), 403, "forbidden");
  }

  @Test
  void thePendingPurchasesOfEveryOrganizationNewestFirstAPageAtATime() {
    JsonObject first = ok(get("team", "purchases?status=PENDING&limit=2"));
    JsonArray items = first.getJsonArray("items");
    assertThat(items).hasSize(2);
    assertThat(items.getJsonObject(0).getString("id")).isEqualTo(pending.get(0));
    assertThat(items.getJsonObject(1).getString("id")).isEqualTo(pending.get(1));
    assertThat(items.getJsonObject(1).getString("organization")).isEqualTo("globex");
    String cursor = first.getString("nextCursor");
    JsonObject second = ok(get("team", "purchases?status=PENDING&limit=2&cursor=" + cursor));
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("id"))
        .isEqualTo(pending.get(2));
    assertThat(second.containsKey("nextCursor")).isFalse();

    JsonArray all = ok(get("admin", "purchases")).getJsonArray("items");
    assertThat(all).hasSize(4);
    assertThat(all.getJsonObject(0).getString("id")).isEqualTo(credited);
    JsonArray done = ok(get("team", "purchases?status=CREDITED")).getJsonArray("items");
    assertThat(done).hasSize(1);
    assertThat(done.getJsonObject(0).getString("status")).isEqualTo("CREDITED");
  }

  @Test
  void withoutStripeOnlyTheManualGatewayIsOffered() {
    assertThat(get("acme", "payment-gateways").body())
        .isEqualTo("{\"items\":[{\"hostedCheckout\":false,\"name\":\"manual\"}]}");
    problem(api.get("acme", "workspaces/nowhere/payment-gateways"), 404, "workspace-not-found");
  }

  @Test
  void badQueriesOfThePurchaseListAreNamedAndClientsAreRefused() {
    JsonObject p = problem(get("team", "purchases?status=LOST"), 400, "invalid-request");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("status");
    p = problem(get("team", "purchases?cursor=bm90LWEtY3Vyc29y"), 400, "invalid-request");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("cursor");
    // a well-formed cursor of another workspace's purchase is not one of this list
    String other = api.newWorkspace();
    String elsewhere =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(pending.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    p =
        problem(
            api.get("admin", "workspaces/" + other + "/purchases?cursor=" + elsewhere),
            400,
            "invalid-request");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("cursor");
    problem(get("team", "purchases?limit=0"), 400, "invalid-request");
    problem(get("acme", "purchases"), 403, "forbidden");
  }

  @Test
  void theLiabilityDayByDayMatchesTheLiabilityAsOfEachDayEnd() {
    LocalDate today = LocalDate.now(zone);
    String from = today.minusDays(2).toString();
    JsonObject s =
        ok(get("team", "reports/liability/series?from=" + from + "&to=" + today.plusDays(3)));
    assertThat(s.getString("granularity")).isEqualTo("DAY");
    assertThat(s.getString("currency")).isEqualTo("USD");
    JsonArray points = s.getJsonArray("points");
    // days after today are left out
    assertThat(points).hasSize(3);
    JsonObject before = points.getJsonObject(0);
    assertThat(before.getString("start")).isEqualTo(from);
    assertThat(before.getJsonNumber("outstandingCredits").bigDecimalValue())
        .isEqualByComparingTo("0");
    JsonObject now = points.getJsonObject(2);
    assertThat(now.getString("start")).isEqualTo(today.toString());
    // only the confirmed purchase's 500 credits are outstanding: $449.00
    assertThat(now.getJsonNumber("outstandingCredits").bigDecimalValue())
        .isEqualByComparingTo("500");
    assertThat(now.getJsonObject("value").getString("amount")).isEqualTo("449.00");
    // each point is the liability report as of its instant
    for (JsonObject pt : points.getValuesAs(JsonObject.class)) {
      JsonObject at = ok(get("team", "reports/liability?asOf=" + pt.getString("asOf")));
      assertThat(at.getJsonNumber("outstandingCredits").bigDecimalValue())
          .isEqualByComparingTo(pt.getJsonNumber("outstandingCredits").bigDecimalValue());
      assertThat(at.getJsonObject("value")).isEqualTo(pt.getJsonObject("value"));
    }

    JsonObject months =
        ok(
            get(
                "team",
                "reports/liability/series?granularity=MONTH&from="
                    + today.minusMonths(2).withDayOfMonth(1)
                    + "&to="
                    + today));
    JsonArray m = months.getJsonArray("points");
    assertThat(m).hasSize(3);
    assertThat(m.getJsonObject(1).getString("end"))
        .isEqualTo(today.minusMonths(1).withDayOfMonth(1).plusMonths(1).minusDays(1).toString());
    assertThat(m.getJsonObject(2).getJsonNumber("outstandingCredits").bigDecimalValue())
        .isEqualByComparingTo("500");

    Reply csv =
        api.get("team", path("reports/liability/series?from=" + from + "&to=" + today), "text/csv");
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.header("Content-Disposition")).contains("liability-series-" + ws + ".csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0])
        .isEqualTo(
            "start,end,as_of,outstanding_credits,paid_credits,free_credits,overdraft_used,"
                + "value,currency,organizations");
    assertThat(lines).hasSize(4);
    assertThat(lines[3])
        .startsWith(today + "," + today + ",")
        .contains(",500,500,0,0,449.00,USD,1");
  }

  @Test
  void badSeriesQueriesAreNamed() {
    LocalDate today = LocalDate.now(zone);
    JsonObject p =
        problem(get("team", "reports/liability/series?to=" + today), 400, "invalid-request");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("from");
    p =
        problem(
            get(
                "team",
                "reports/liability/series?from=" + today + "&to=" + today + "&granularity=HOUR"),
            400,
            "invalid-request");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("granularity");
    p =
        problem(
            get("team", "reports/liability/series?from=" + today.minusYears(3) + "&to=" + today),
            400,
            "invalid-request");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("granularity");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("message")).contains("400");
    p =
        problem(
            get("team", "reports/liability/series?from=" + today + "&to=" + today.minusDays(1)),
            400,
            "invalid-request");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("to");
    problem(
        get("acme", "reports/liability/series?from=" + today + "&to=" + today), 403, "forbidden");
  }
}
