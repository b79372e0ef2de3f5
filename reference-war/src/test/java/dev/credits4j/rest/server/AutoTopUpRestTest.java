package dev.credits4j.rest.server;

import static dev.credits4j.rest.server.RestTestBase.created;
import static dev.credits4j.rest.server.RestTestBase.ok;
import static dev.credits4j.rest.server.RestTestBase.pkg;
import static dev.credits4j.rest.server.RestTestBase.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.purchase.stripe.StripeStandIn;
import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /organizations/{org}/auto-top-up} through real HTTP, on a {@link WarServer} of its own
 * (over an in-memory H2 database of its own) whose Stripe is the local {@link StripeStandIn}: rules
 * set, read, paused, resumed and deleted by the agency; a client reads its own rule and attempts
 * and saves its own card through a Checkout Session in setup mode; a debit below the threshold buys
 * credits through {@code POST /jobs/auto-top-up} (the scheduled job's run), manually (a PENDING
 * purchase confirmed by the team) or off-session through Stripe, declines pause the rule; bad input
 * is 4xx naming the problem and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1) // a server of its own, before the shared TestServer starts: see junit-platform.properties
class AutoTopUpRestTest {
  private StripeStandIn stripe;
  private StripeWarServer server;
  private Api api;
  private String ws;
  private String other;
  private String starter;
  private String professional;

  @BeforeAll
  void start() throws IOException {
    stripe = new StripeStandIn();
    server =
        StripeWarServer.start(
            new StripeWarServer.Account("sk_test_standin", "whsec_unused", "https://shop/no"),
            stripe);
    api = server.api();
    ws = api.newWorkspace();
    other = api.newWorkspace("admin", Map.of("team2", "team"), Map.of("acme2", "acme"));
    starter =
        created(post("admin", "packages", pkg("Starter", 100, "99.00", 90, false, 10)))
            .getString("id");
    professional =
        created(post("admin", "packages", pkg("Professional", 500, "449.00", 180, true, 20)))
            .getString("id");
  }

  @AfterAll
  void stop() throws Exception {
    WarServer.closeAll(server);
  }

  private String path(String rest) {
    return "workspaces/" + ws + "/" + rest;
  }

  private Reply post(String user, String rest, String json) {
    return api.post(user, path(rest), json);
  }

  private Reply put(String user, String rest, String json) {
    return api.put(user, path(rest), json);
  }

  private Reply get(String user, String rest) {
    return api.get(user, path(rest));
  }

  private static String rule(String threshold, String what, String gateway) {
    return "{\"threshold\":"
        + threshold
        + ","
        + what
        + ",\"maxPerDay\":5,\"gateway\":\""
        + gateway
        + "\"}";
  }

  private void grant(String org, int credits) {
    created(
        post(
            "team",
            "organizations/" + org + "/adjustments",
            "{\"direction\":\"ADD\",\"credits\":" + credits + ",\"reason\":\"BONUS\"}"));
  }

  private void use(String org, int credits) {
    created(post("team", "organizations/" + org + "/usage", "{\"credits\":" + credits + "}"));
  }

  private BigDecimal available(String org) {
    return ok(get("team", "organizations/" + org + "/wallet"))
        .getJsonNumber("available")
        .bigDecimalValue();
  }

  private JsonArray attempts(String user, String org) {
    return ok(get(user, "organizations/" + org + "/auto-top-up/attempts")).getJsonArray("items");
  }

  /**
   * Runs the auto top-up job over HTTP until the newest attempt of {@code org} matches; bounded by
   * a number of runs, not by time.
   */
  private JsonObject runUntil(String org, Predicate<JsonObject> newest) {
    for (int run = 0; run < 50; run++) {
      JsonObject r = ok(post("admin", "jobs/auto-top-up", "{}"));
      assertThat(r.getInt("attempts")).isNotNegative();
      JsonArray items = attempts("team", org);
      if (!items.isEmpty() && newest.test(items.getJsonObject(0))) {
        return items.getJsonObject(0);
      }
    }
    throw new AssertionError("no matching attempt of " + org + ": " + attempts("team", org));
  }

  private static Predicate<JsonObject> status(String status) {
    return a -> a.getString("status").equals(status);
  }

  @Test
  void aManualRuleStartsAPendingPurchaseThatTheTeamConfirms() {
    String body = rule("50", "\"packageId\":\"" + starter + "\"", "manual");
    JsonObject set = created(put("team", "organizations/acme/auto-top-up", body));
    assertThat(set.getString("status")).isEqualTo("ACTIVE");
    assertThat(set.getString("packageId")).isEqualTo(starter);
    assertThat(set.getJsonNumber("threshold").intValue()).isEqualTo(50);
    assertThat(set.getInt("maxDeclines")).isEqualTo(3);
    assertThat(set.containsKey("targetBalance")).isFalse();
    assertThat(set.getJsonObject("changedBy").getString("id")).isEqualTo("team");
    JsonObject replaced = ok(put("admin", "organizations/acme/auto-top-up", body));
    assertThat(replaced.getJsonObject("changedBy").getString("id")).isEqualTo("admin");
    // The client reads its own rule; another organization's is as unknown as a missing one.
    assertThat(ok(get("acme", "organizations/acme/auto-top-up"))).isEqualTo(replaced);
    problem(get("globex", "organizations/acme/auto-top-up"), 404, "wallet-not-found");
    problem(get("globex", "organizations/acme/auto-top-up/attempts"), 404, "wallet-not-found");
    problem(put("acme", "organizations/acme/auto-top-up", body), 403, "forbidden");
    problem(post("acme", "organizations/acme/auto-top-up/pause", "{}"), 403, "forbidden");
    problem(api.delete("acme", path("organizations/acme/auto-top-up")), 403, "forbidden");

    grant("acme", 100);
    use("acme", 30); // 70: above the threshold, nothing happens
    ok(post("admin", "jobs/auto-top-up", "{}"));
    assertThat(attempts("acme", "acme")).isEmpty();
    use("acme", 30); // 40: below
    JsonObject started = runUntil("acme", status("STARTED"));
    assertThat(started.getString("gateway")).isEqualTo("manual");
    assertThat(started.getString("packageId")).isEqualTo(starter);
    assertThat(started.getJsonNumber("available").intValue()).isEqualTo(40);
    assertThat(started.getString("entryId"))
        .isEqualTo(
            ok(get("team", "organizations/acme/transactions?type=USAGE"))
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id"));
    String purchase = started.getString("purchaseId");
    assertThat(ok(get("acme", "purchases/" + purchase)).getString("status")).isEqualTo("PENDING");
    use("acme", 10); // still below: the same crossing, no second attempt
    ok(post("admin", "jobs/auto-top-up", "{}"));
    assertThat(attempts("acme", "acme")).hasSize(1);

    ok(post("team", "purchases/" + purchase + "/confirm", "{\"reference\":\"BANK-1\"}"));
    JsonObject done = runUntil("acme", status("SUCCEEDED"));
    assertThat(done.getString("purchaseId")).isEqualTo(purchase);
    assertThat(done.getString("finishedAt")).isNotBlank();
    assertThat(available("acme")).isEqualByComparingTo(new BigDecimal(130));
    assertThat(attempts("acme", "acme")).hasSize(1);

    // Paused: a crossing is recorded as SKIPPED; resumed: ACTIVE again.
    assertThat(ok(post("team", "organizations/acme/auto-top-up/pause", "{}")).getString("status"))
        .isEqualTo("PAUSED");
    assertThat(ok(post("team", "organizations/acme/auto-top-up/resume", "")).getString("status"))
        .isEqualTo("ACTIVE");

    // Deleted: 404 from then on; the attempts stay listed.
    assertThat(api.delete("team", path("organizations/acme/auto-top-up")).status()).isEqualTo(204);
    problem(get("acme", "organizations/acme/auto-top-up"), 404, "auto-top-up-not-found");
    problem(
        api.delete("team", path("organizations/acme/auto-top-up")), 404, "auto-top-up-not-found");
    problem(
        post("team", "organizations/acme/auto-top-up/resume", "{}"), 404, "auto-top-up-not-found");
    assertThat(attempts("acme", "acme")).hasSize(1);
  }

  @Test
  void theClientSavesItsCardAndDeclinesPauseTheRuleUntilTheTeamResumesIt() {
    String body =
        "{\"threshold\":100,\"targetBalance\":300,\"maxPerDay\":10,\"gateway\":\"stripe\","
            + "\"maxDeclines\":2}";
    created(put("team", "organizations/globex/auto-top-up", body));
    // No saved card yet: a crossing is SKIPPED, nothing charged.
    grant("globex", 150);
    use("globex", 60);
    JsonObject skipped = runUntil("globex", status("SKIPPED"));
    assertThat(skipped.containsKey("purchaseId")).isFalse();
    assertThat(skipped.getString("detail")).contains("payment method");
    assertThat(stripe.to("/v1/payment_intents")).isEmpty();

    // The client starts the setup: a Checkout Session in setup mode for a new Stripe customer.
    JsonObject setup =
        created(post("globex", "organizations/globex/auto-top-up/payment-method/setup", "{}"));
    assertThat(setup.getString("gateway")).isEqualTo("stripe");
    assertThat(setup.getString("url")).startsWith("https://checkout.stripe.com/c/setup/");
    String reference = setup.getString("reference");
    assertThat(stripe.to("/v1/checkout/sessions"))
        .anySatisfy(r -> assertThat(r.form()).containsEntry("mode", "setup"));
    assertThat(stripe.to("/v1/customers")).hasSize(1);

    // Not complete yet: 409, nothing saved.
    stripe.setupComplete = false;
    try {
      problem(
          post(
              "globex",
              "organizations/globex/auto-top-up/payment-method/complete",
              "{\"reference\":\"" + reference + "\"}"),
          409,
          "payment-method-setup");
    } finally {
      stripe.setupComplete = true;
    }
    assertThat(ok(get("globex", "organizations/globex/auto-top-up")).containsKey("paymentMethod"))
        .isFalse();
    JsonObject saved =
        ok(
            post(
                "globex",
                "organizations/globex/auto-top-up/payment-method/complete",
                "{\"reference\":\"" + reference + "\"}"));
    JsonObject method = saved.getJsonObject("paymentMethod");
    assertThat(method.getString("gateway")).isEqualTo("stripe");
    assertThat(method.getString("customer")).startsWith("cus_test_");
    assertThat(method.getString("paymentMethod")).isEqualTo("pm_card_visa");
    // A second setup reuses the organization's customer.
    created(post("globex", "organizations/globex/auto-top-up/payment-method/setup", "{}"));
    assertThat(stripe.to("/v1/customers")).hasSize(1);

    // Back above the threshold and below again: the smallest package reaching 300 from 80.
    grant("globex", 30); // 120: re-armed
    use("globex", 40); // 80
    JsonObject paid = runUntil("globex", status("SUCCEEDED"));
    assertThat(paid.getString("packageId")).isEqualTo(professional);
    assertThat(available("globex")).isEqualByComparingTo(new BigDecimal(580));
    assertThat(stripe.to("/v1/payment_intents"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.form())
                    .containsEntry("off_session", "true")
                    .containsEntry("payment_method", "pm_card_visa")
                    .containsEntry("customer", method.getString("customer")));

    // Two declines in a row pause the rule.
    stripe.declining.add("pm_card_visa");
    use("globex", 500); // 80
    JsonObject declined = runUntil("globex", status("FAILED"));
    assertThat(declined.getString("detail")).contains("insufficient_funds");
    assertThat(ok(get("team", "organizations/globex/auto-top-up")).getInt("consecutiveDeclines"))
        .isEqualTo(1);
    grant("globex", 40); // 120: re-armed
    use("globex", 40); // 80
    runUntil(
        "globex",
        a ->
            a.getString("status").equals("FAILED")
                && !a.getString("id").equals(declined.getString("id")));
    JsonObject paused = ok(get("globex", "organizations/globex/auto-top-up"));
    assertThat(paused.getString("status")).isEqualTo("PAUSED");
    assertThat(paused.getString("pausedReason")).isNotBlank();
    assertThat(available("globex")).isEqualByComparingTo(new BigDecimal(80));

    problem(post("globex", "organizations/globex/auto-top-up/resume", "{}"), 403, "forbidden");
    JsonObject resumed = ok(post("team", "organizations/globex/auto-top-up/resume", "{}"));
    assertThat(resumed.getString("status")).isEqualTo("ACTIVE");
    assertThat(resumed.getInt("consecutiveDeclines")).isZero();
    assertThat(resumed.containsKey("pausedReason")).isFalse();
    assertThat(resumed.getJsonObject("paymentMethod")).isEqualTo(method);
    assertThat(attempts("globex", "globex"))
        .extracting(a -> a.asJsonObject().getString("status"))
        .containsExactly("FAILED", "FAILED", "SUCCEEDED", "SKIPPED");
    stripe.declining.clear();
  }

  @Test
  void theTeamSavesAPaymentMethodTheHostCollected() {
    ok(api.put("team", path("organizations/hosted"), "{}"));
    problem(
        put(
            "team",
            "organizations/hosted/auto-top-up/payment-method",
            "{\"customer\":\"cus_1\",\"paymentMethod\":\"pm_1\"}"),
        404,
        "auto-top-up-not-found");
    created(
        put(
            "team",
            "organizations/hosted/auto-top-up",
            rule("10", "\"targetBalance\":50", "stripe")));
    JsonObject saved =
        ok(
            put(
                "team",
                "organizations/hosted/auto-top-up/payment-method",
                "{\"customer\":\"cus_host\",\"paymentMethod\":\"pm_host\"}"));
    assertThat(saved.getJsonObject("paymentMethod").getString("customer")).isEqualTo("cus_host");
    assertThat(saved.getJsonObject("paymentMethod").getString("paymentMethod"))
        .isEqualTo("pm_host");
    problem(
        put(
            "acme",
            "organizations/acme/auto-top-up/payment-method",
            "{\"customer\":\"cus_x\",\"paymentMethod\":\"pm_x\"}"),
        403,
        "forbidden");
  }

  @Test
  void badInputIsRefusedNamingTheProblemAndChangesNothing() {
    ok(api.put("team", path("organizations/strict"), "{}"));
    String good = rule("20", "\"packageId\":\"" + starter + "\"", "manual");
    created(put("team", "organizations/strict/auto-top-up", good));
    String before = get("team", "organizations/strict/auto-top-up").body();
    String target = "\"targetBalance\":100";
    String url = "organizations/strict/auto-top-up";
    field(put("team", url, rule("-5", target, "manual")), "threshold");
    field(put("team", url, rule("0", target, "manual")), "threshold");
    field(put("team", url, rule("10000000000001", target, "manual")), "threshold");
    field(put("team", url, rule("1e400", target, "manual")), "threshold");
    field(put("team", url, rule("\"ten\"", target, "manual")), "threshold");
    // Whole credits in this workspace: the SDK refuses a fraction beyond its scale.
    assertThat(
            problem(put("team", url, rule("1.5", target, "manual")), 400, "invalid-amount")
                .getJsonArray("errors")
                .getJsonObject(0)
                .getString("field"))
        .isEqualTo("threshold");
    field(put("team", url, rule("null", target, "manual")), "threshold");
    field(put("team", url, rule("150", target, "manual")), "targetBalance");
    field(put("team", url, rule("100", target, "manual")), "targetBalance");
    field(put("team", url, rule("10", "\"targetBalance\":-1", "manual")), "targetBalance");
    field(put("team", url, "{\"threshold\":10,\"gateway\":\"manual\"}"), "packageId");
    field(
        put("team", url, rule("10", "\"packageId\":\"" + starter + "\"," + target, "manual")),
        "packageId");
    field(put("team", url, rule("10", "\"packageId\":\"not-a-uuid\"", "manual")), "packageId");
    problem(
        put("team", url, rule("10", "\"packageId\":\"" + UUID.randomUUID() + "\"", "manual")),
        404,
        "package-not-found");
    field(put("team", url, rule("10", target, "man\\u0000ual")), "gateway");
    field(put("team", url, rule("10", target, "manual\\n")), "gateway");
    Reply gateway = put("team", url, rule("10", target, "paypal"));
    problem(gateway, 400, "unknown-gateway");
    field(
        put(
            "team",
            url,
            "{\"threshold\":10," + target + ",\"maxPerDay\":0,\"gateway\":\"manual\"}"),
        "maxPerDay");
    field(
        put(
            "team",
            url,
            "{\"threshold\":10," + target + ",\"maxPerDay\":101,\"gateway\":\"manual\"}"),
        "maxPerDay");
    field(
        put(
            "team",
            url,
            "{\"threshold\":10,"
                + target
                + ",\"maxPerDay\":99999999999999999999,\"gateway\":\"manual\"}"),
        "maxPerDay");
    field(
        put(
            "team",
            url,
            "{\"threshold\":10," + target + ",\"maxPerDay\":1.5,\"gateway\":\"manual\"}"),
        "maxPerDay");
    field(
        put(
            "team",
            url,
            "{\"threshold\":10," + target + ",\"maxDeclines\":0,\"gateway\":\"manual\"}"),
        "maxDeclines");
    field(
        put(
            "team",
            url,
            "{\"threshold\":10," + target + ",\"maxDeclines\":21,\"gateway\":\"manual\"}"),
        "maxDeclines");
    field(
        put("team", url, "{\"threshold\":10," + target + ",\"gateway\":\"manual\",\"extra\":1}"),
        "extra");
    problem(put("team", url, "{\"threshold\":10,"), 400, "malformed-body");
    problem(put("team", url, ""), 400, "malformed-body");
    problem(
        put(
            "team",
            url,
            "{\"threshold\":10,\"threshold\":20," + target + ",\"gateway\":\"manual\"}"),
        400,
        "malformed-body");
    // The setup and its completion.
    problem(post("team", url + "/payment-method/setup", "{}"), 400, "unknown-gateway");
    field(
        post("team", url + "/payment-method/setup", "{\"gateway\":\"str\\u0007ipe\"}"), "gateway");
    field(post("team", url + "/payment-method/complete", "{}"), "reference");
    field(
        post("team", url + "/payment-method/complete", "{\"reference\":\"cs_\\u0000x\"}"),
        "reference");
    field(
        post(
            "team",
            url + "/payment-method/complete",
            "{\"reference\":\"" + "c".repeat(256) + "\"}"),
        "reference");
    field(put("team", url + "/payment-method", "{\"customer\":\"cus_1\"}"), "paymentMethod");
    field(post("team", url + "/pause", "{\"now\":true}"), "now");
    field(get("team", url + "/attempts?limit=0"), "limit");
    field(get("team", url + "/attempts?limit=501"), "limit");
    assertThat(get("team", "organizations/strict/auto-top-up").body()).isEqualTo(before);

    // Unknown organizations, workspaces and rules.
    problem(get("team", "organizations/nobody/auto-top-up"), 404, "wallet-not-found");
    problem(put("team", "organizations/nobody/auto-top-up", good), 404, "wallet-not-found");
    problem(get("team", "organizations/nobody/auto-top-up/attempts"), 404, "wallet-not-found");
    problem(get("team2", url), 404, "workspace-not-found");
    problem(
        api.get("team", "workspaces/" + other + "/organizations/acme/auto-top-up"),
        404,
        "workspace-not-found");
    ok(api.put("team", path("organizations/bare"), "{}"));
    problem(get("team", "organizations/bare/auto-top-up"), 404, "auto-top-up-not-found");
    problem(
        post("team", "organizations/bare/auto-top-up/pause", "{}"), 404, "auto-top-up-not-found");
    problem(
        post("team", "organizations/bare/auto-top-up/payment-method/setup", "{}"),
        404,
        "auto-top-up-not-found");
    assertThat(ok(get("team", "organizations/bare/auto-top-up/attempts")).getJsonArray("items"))
        .isEmpty();
    problem(
        api.post(null, path("organizations/strict/auto-top-up/pause"), "{}"),
        401,
        "unauthenticated");
  }

  private static void field(Reply r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.json().getString("code")).as(r.toString()).isEqualTo("invalid-request");
    assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .as(r.toString())
        .isEqualTo(field);
  }
}
