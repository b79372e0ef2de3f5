package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key header: a replay gets the first response, with one effect. */
@Tag("database")
class IdempotencyTest extends RestTestBase {

  @BeforeAll
  void workspace() {
    setUpWorkspace();
  }

  private static String key() {
    return "key-" + UUID.randomUUID();
  }

  private int historySize(String org) {
    return ok(get("team", "organizations/" + org + "/transactions?limit=500"))
        .getJsonArray("items")
        .size();
  }

  @Test
  void aReplayReturnsTheFirstResponseWithOneEffect() {
    String key = key();
    String body = "{\"direction\":\"ADD\",\"credits\":15,\"reason\":\"BONUS\"}";
    int before = historySize("acme");
    Reply first = api.post("team", path("organizations/acme/adjustments"), body, key);
    Reply replay = api.post("team", path("organizations/acme/adjustments"), body, key);
    Reply reordered =
        api.post(
            "team",
            path("organizations/acme/adjustments"),
            "{\"reason\":\"BONUS\", \"credits\":15, \"direction\":\"ADD\"}",
            key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(reordered.body()).isEqualTo(first.body());
    assertThat(historySize("acme")).isEqualTo(before + 1);
  }

  @Test
  void theSameKeyForAnotherRequestIsAConflictAndChangesNothing() {
    String key = key();
    created(
        api.post(
            "team",
            path("organizations/acme/adjustments"),
            "{\"direction\":\"ADD\",\"credits\":1,\"reason\":\"BONUS\"}",
            key));
    String before = state("acme");
    problem(
        api.post(
            "team",
            path("organizations/acme/adjustments"),
            "{\"direction\":\"ADD\",\"credits\":2,\"reason\":\"BONUS\"}",
            key),
        409,
        "idempotency-conflict");
    problem(
        api.post(
            "team",
            path("organizations/globex/adjustments"),
            "{\"direction\":\"ADD\",\"credits\":1,\"reason\":\"BONUS\"}",
            key),
        409,
        "idempotency-conflict");
    assertThat(state("acme")).isEqualTo(before);
  }

  @Test
  void keysBelongToTheirPrincipal() {
    String key = key();
    String body = "{\"direction\":\"ADD\",\"credits\":3,\"reason\":\"BONUS\"}";
    int before = historySize("globex");
    Reply team = api.post("team", path("organizations/globex/adjustments"), body, key);
    Reply admin = api.post("admin", path("organizations/globex/adjustments"), body, key);
    assertThat(team.status()).isEqualTo(201);
    assertThat(admin.status()).isEqualTo(201);
    assertThat(admin.header("Idempotent-Replayed")).isNull();
    assertThat(admin.json().getString("id")).isNotEqualTo(team.json().getString("id"));
    assertThat(historySize("globex")).isEqualTo(before + 2);
  }

  @Test
  void theFirstErrorIsReplayedToo() {
    ok(api.put("team", path("organizations/idem-poor"), "{}"));
    String key = key();
    String body = "{\"offeringId\":\"" + logo + "\",\"units\":1}";
    problem(
        api.post("team", path("organizations/idem-poor/requests"), body, key),
        402,
        "insufficient-credits");
    grant("idem-poor", 100);
    Reply replay = api.post("team", path("organizations/idem-poor/requests"), body, key);
    problem(replay, 402, "insufficient-credits");
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(ok(get("team", "organizations/idem-poor/requests")).getJsonArray("items")).isEmpty();
    created(api.post("team", path("organizations/idem-poor/requests"), body, key()));
  }

  @Test
  void concurrentRetriesOfOneKeyMakeOneRequest() throws Exception {
    ok(api.put("team", path("organizations/idem-race"), "{}"));
    grant("idem-race", 1000);
    String key = key();
    String body = "{\"offeringId\":\"" + blog + "\",\"units\":1000}";
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Reply>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        Callable<Reply> call =
            () -> api.post("team", path("organizations/idem-race/requests"), body, key);
        futures.add(pool.submit(call));
      }
      List<String> bodies = new ArrayList<>();
      for (Future<Reply> f : futures) {
        Reply r = f.get();
        assertThat(r.status()).as(r.toString()).isIn(201, 409);
        if (r.status() == 201) {
          bodies.add(r.body());
        } else {
          problem(r, 409, "idempotency-key-in-use");
          assertThat(r.header("Retry-After")).isEqualTo("1");
        }
      }
      assertThat(bodies).isNotEmpty();
      assertThat(bodies).allMatch(b -> b.equals(bodies.get(0)));
    } finally {
      pool.shutdownNow();
    }
    JsonObject replay =
        created(api.post("team", path("organizations/idem-race/requests"), body, key));
    assertThat(ok(get("team", "organizations/idem-race/requests")).getJsonArray("items"))
        .hasSize(1);
    assertThat(balance("idem-race")).isEqualByComparingTo("985");
    assertThat(replay.getJsonNumber("credits").intValue()).isEqualTo(15);
  }

  /** Every kind of POST, replayed: its first answer again, marked Idempotent-Replayed. */
  @Test
  void everyKindOfPostReplays() {
    ok(api.put("team", path("organizations/idem-all"), "{}"));
    grant("idem-all", 500);
    String purchaseKey = key();
    String purchaseBody = "{\"packageId\":\"" + starter + "\"}";
    Reply p1 =
        api.post("team", path("organizations/idem-all/purchases"), purchaseBody, purchaseKey);
    Reply p2 =
        api.post("team", path("organizations/idem-all/purchases"), purchaseBody, purchaseKey);
    replays(p1, p2);
    String purchase = p1.json().getString("id");

    String confirmKey = key();
    Reply c1 =
        api.post(
            "team",
            path("purchases/" + purchase + "/confirm"),
            "{\"reference\":\"R-1\"}",
            confirmKey);
    Reply c2 =
        api.post(
            "team",
            path("purchases/" + purchase + "/confirm"),
            "{\"reference\":\"R-1\"}",
            confirmKey);
    assertThat(c1.status()).isEqualTo(200);
    replays(c1, c2);

    String refundKey = key();
    Reply r1 =
        api.post("team", path("purchases/" + purchase + "/refund"), "{\"credits\":10}", refundKey);
    Reply r2 =
        api.post("team", path("purchases/" + purchase + "/refund"), "{\"credits\":10}", refundKey);
    assertThat(r1.status()).as(r1.toString()).isEqualTo(201);
    replays(r1, r2);

    String transferKey = key();
    String transfer =
        "{\"fromOrganization\":\"idem-all\",\"toOrganization\":\"globex\",\"credits\":5}";
    Reply t1 = api.post("team", path("transfers"), transfer, transferKey);
    Reply t2 = api.post("team", path("transfers"), transfer, transferKey);
    assertThat(t1.status()).isEqualTo(201);
    replays(t1, t2);

    String holdKey = key();
    Reply h1 = api.post("team", path("organizations/idem-all/holds"), "{\"credits\":5}", holdKey);
    Reply h2 = api.post("team", path("organizations/idem-all/holds"), "{\"credits\":5}", holdKey);
    replays(h1, h2);

    // Service requests: create, start, deliver; another created and cancelled.
    String requestBody = "{\"offeringId\":\"" + graphics + "\",\"units\":1}";
    String rk = key();
    Reply q1 = api.post("team", path("organizations/idem-all/requests"), requestBody, rk);
    replays(q1, api.post("team", path("organizations/idem-all/requests"), requestBody, rk));
    String request = q1.json().getString("id");
    for (String step : new String[] {"start", "deliver"}) {
      String sk = key();
      Reply s1 = api.post("team", path("requests/" + request + "/" + step), "{}", sk);
      replays(s1, api.post("team", path("requests/" + request + "/" + step), "{}", sk));
    }
    String other = id(created(post("team", "organizations/idem-all/requests", requestBody)));
    String ck = key();
    Reply x1 = api.post("team", path("requests/" + other + "/cancel"), "{}", ck);
    replays(x1, api.post("team", path("requests/" + other + "/cancel"), "{}", ck));

    // Holds: capture one, release another.
    String hold = h1.json().getString("id");
    String capKey = key();
    Reply cap1 = api.post("team", path("holds/" + hold + "/capture"), "{\"credits\":3}", capKey);
    replays(cap1, api.post("team", path("holds/" + hold + "/capture"), "{\"credits\":3}", capKey));
    String hold2 = id(created(post("team", "organizations/idem-all/holds", "{\"credits\":2}")));
    String relKey = key();
    Reply rel1 = api.post("team", path("holds/" + hold2 + "/release"), "{}", relKey);
    replays(rel1, api.post("team", path("holds/" + hold2 + "/release"), "{}", relKey));

    // The catalog, an allotment's life and the outbox.
    String offering = "{\"name\":\"Idem\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":3}";
    String offeringKey = key();
    Reply o1 = api.post("admin", path("offerings"), offering, offeringKey);
    replays(o1, api.post("admin", path("offerings"), offering, offeringKey));
    String pk = key();
    String pkgBody = pkg("Idem", 10, "9.00", 30, false, 50);
    Reply pk1 = api.post("admin", path("packages"), pkgBody, pk);
    replays(pk1, api.post("admin", path("packages"), pkgBody, pk));
    String allotmentBody =
        "{\"credits\":5,\"period\":\"MONTHLY\",\"startDate\":\""
            + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(1)
            + "\"}";
    String ak = key();
    Reply a1 = api.post("team", path("organizations/idem-all/allotments"), allotmentBody, ak);
    replays(a1, api.post("team", path("organizations/idem-all/allotments"), allotmentBody, ak));
    String allotment = a1.json().getString("id");
    for (String step : new String[] {"pause", "resume", "cancel"}) {
      String sk = key();
      Reply s1 = api.post("team", path("allotments/" + allotment + "/" + step), "{}", sk);
      replays(s1, api.post("team", path("allotments/" + allotment + "/" + step), "{}", sk));
    }
    String purgeKey = key();
    Reply pu1 = api.post("admin", path("notifications/purge"), "{}", purgeKey);
    replays(pu1, api.post("admin", path("notifications/purge"), "{}", purgeKey));

    // 500 + 100 purchased - 10 refunded - 5 transferred - 8 delivered - 3 captured = 574, each
    // once: the cancelled request gave its 8 back, the hold's rest and the other hold released.
    JsonObject wallet = ok(get("team", "organizations/idem-all/wallet"));
    assertThat(wallet.getJsonNumber("balance").intValue()).isEqualTo(574);
    assertThat(wallet.getJsonNumber("held").intValue()).isZero();
  }

  /** {@code second} is {@code first} replayed: same status and body, marked as a replay. */
  private static void replays(Reply first, Reply second) {
    assertThat(first.status()).as(first.toString()).isBetween(200, 299);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(second.status()).isEqualTo(first.status());
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.header("Idempotent-Replayed")).as(second.toString()).isEqualTo("true");
  }

  @Test
  void aBadKeyIs400() {
    String before = state("acme");
    Reply r =
        api.send(
            "team",
            "POST",
            path("organizations/acme/adjustments"),
            "{\"direction\":\"ADD\",\"credits\":1,\"reason\":\"BONUS\"}",
            Map.of("Idempotency-Key", "x".repeat(256)));
    JsonObject p = problem(r, 400, "invalid-request");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("Idempotency-Key");
    assertThat(state("acme")).isEqualTo(before);
  }
}
