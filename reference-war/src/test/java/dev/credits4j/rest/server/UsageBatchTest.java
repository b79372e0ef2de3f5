package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /usage/batch} through real HTTP: up to 1,000 usage debits, each under its own key,
 * each answered on its own in input order (201 with the entry, or the item's problem); a refused
 * item changes nothing and never stops the others; the same batch again replays item by item; a
 * batch that is not one is a 400 for the whole request and changes nothing.
 */
@Tag("database")
class UsageBatchTest extends RestTestBase {
  private static final String BATCH = "usage/batch";
  private String otherWorkspaceOrg;

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    grant("acme", 100);
    grant("globex", 5);
    otherWorkspaceOrg = "initech";
    api.newWorkspace("admin", Map.of("team", "team"), Map.of("initech", otherWorkspaceOrg));
  }

  private static String item(String org, String credits, String key) {
    return "{\"organization\":\""
        + org
        + "\",\"credits\":"
        + credits
        + ",\"idempotencyKey\":\""
        + key
        + "\"}";
  }

  private static String batch(List<String> items) {
    return "{\"items\":[" + String.join(",", items) + "]}";
  }

  private JsonArray items(Reply r) {
    return ok(r).getJsonArray("items");
  }

  private static JsonObject entryOf(JsonObject result) {
    assertThat(result.getInt("status")).as(result.toString()).isEqualTo(201);
    return result.getJsonObject("entry");
  }

  private static JsonObject problemOf(JsonObject result, int status, String code) {
    assertThat(result.getInt("status")).as(result.toString()).isEqualTo(status);
    assertThat(result.getString("code")).as(result.toString()).isEqualTo(code);
    assertThat(result.getString("type")).isEqualTo("https://credits4j.dev/problems/" + code);
    return result;
  }

  private static List<String> fields(JsonObject problem) {
    return problem.getJsonArray("errors").stream()
        .map(v -> ((JsonObject) v).getString("field"))
        .toList();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aMixedBatchAnswersEachItemInOrderAndRefusalsChangeNothing() {
    int acme = balance("acme").intValueExact();
    String globexBefore = state("globex");
    String k = unique("mixed");
    String body =
        batch(
            List.of(
                item("acme", "7", k + "-1"),
                item("globex", "500", k + "-2"),
                item("acme", "\"ten\"", k + "-3"),
                "{\"organization\":\"acme\",\"credits\":1}",
                item(otherWorkspaceOrg, "1", k + "-5"),
                "{\"organization\":\"acme\",\"credits\":2,\"idempotencyKey\":\""
                    + k
                    + "-6\",\"description\":\"report run\","
                    + "\"references\":{\"offeringId\":\"reports\"}}"));
    JsonArray out = items(post("team", BATCH, body));

    assertThat(out).hasSize(6);
    JsonObject first = entryOf(out.getJsonObject(0));
    assertThat(first.getString("type")).isEqualTo("USAGE");
    assertThat(first.getJsonNumber("amount").intValue()).isEqualTo(-7);
    JsonObject shortfall = problemOf(out.getJsonObject(1), 402, "insufficient-credits");
    assertThat(shortfall.getJsonNumber("shortfall").intValue()).isEqualTo(495);
    assertThat(shortfall.getJsonArray("suggestedPackages")).isNotEmpty();
    assertThat(fields(problemOf(out.getJsonObject(2), 400, "invalid-request")))
        .containsExactly("credits");
    assertThat(fields(problemOf(out.getJsonObject(3), 400, "invalid-request")))
        .containsExactly("idempotencyKey");
    problemOf(out.getJsonObject(4), 404, "wallet-not-found");
    JsonObject last = entryOf(out.getJsonObject(5));
    assertThat(last.getString("description")).isEqualTo("report run");
    assertThat(last.getJsonObject("references").getString("offeringId")).isEqualTo("reports");
    assertThat(last.getJsonNumber("balanceAfter").intValue()).isEqualTo(acme - 9);

    assertThat(balance("acme").intValueExact()).isEqualTo(acme - 9);
    assertThat(state("globex")).isEqualTo(globexBefore);
  }

  @Test
  void theSameBatchAgainReplaysItemByItemAndDebitsOnce() {
    int acme = balance("acme").intValueExact();
    String k = unique("replay");
    String body =
        batch(
            List.of(
                item("acme", "3", k + "-1"),
                item("globex", "900", k + "-2"),
                item("acme", "4", k + "-3")));
    JsonArray first = items(post("team", BATCH, body));
    String acmeAfter = state("acme");
    JsonArray again = items(post("team", BATCH, body));

    assertThat(entryOf(again.getJsonObject(0)).getString("id"))
        .isEqualTo(entryOf(first.getJsonObject(0)).getString("id"));
    assertThat(entryOf(again.getJsonObject(2)).getString("id"))
        .isEqualTo(entryOf(first.getJsonObject(2)).getString("id"));
    problemOf(again.getJsonObject(1), 402, "insufficient-credits");
    assertThat(state("acme")).isEqualTo(acmeAfter);
    assertThat(balance("acme").intValueExact()).isEqualTo(acme - 7);

    // With a whole-request Idempotency-Key, a retry gets the first answer back as it was.
    String whole = unique("whole");
    String keyedBody = batch(List.of(item("acme", "1", k + "-4")));
    Reply keyed = api.post("team", path(BATCH), keyedBody, whole);
    Reply retry = api.post("team", path(BATCH), keyedBody, whole);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.body()).isEqualTo(keyed.body());
    assertThat(balance("acme").intValueExact()).isEqualTo(acme - 8);
  }

  @Test
  void theSameKeyTwiceInOneBatchIsAReplayOrAConflict() {
    int acme = balance("acme").intValueExact();
    String k = unique("dup");
    JsonArray out =
        items(
            post(
                "team",
                BATCH,
                batch(List.of(item("acme", "2", k), item("acme", "2", k), item("acme", "3", k)))));
    assertThat(entryOf(out.getJsonObject(1)).getString("id"))
        .isEqualTo(entryOf(out.getJsonObject(0)).getString("id"));
    problemOf(out.getJsonObject(2), 409, "idempotency-conflict");
    assertThat(balance("acme").intValueExact()).isEqualTo(acme - 2);
  }

  @Test
  void aBatchThatIsNotOneIs400ForTheWholeRequestAndChangesNothing() {
    String before = state("acme") + state("globex");
    String good = item("acme", "1", unique("whole-bad"));
    assertThat(fields(problem(post("team", BATCH, "{}"), 400, "invalid-request")))
        .containsExactly("items");
    assertThat(fields(problem(post("team", BATCH, "{\"items\":[]}"), 400, "invalid-request")))
        .containsExactly("items");
    assertThat(
            fields(
                problem(post("team", BATCH, "{\"items\":" + good + "}"), 400, "invalid-request")))
        .containsExactly("items");
    assertThat(
            fields(
                problem(
                    post("team", BATCH, "{\"items\":[" + good + ",5]}"), 400, "invalid-request")))
        .containsExactly("items[1]");
    assertThat(
            fields(
                problem(
                    post("team", BATCH, "{\"items\":[" + good + "],\"dryRun\":true}"),
                    400,
                    "invalid-request")))
        .containsExactly("dryRun");
    problem(post("team", BATCH, "{\"items\":[" + good), 400, "malformed-body");
    String huge = "{\"items\":[" + good + " ".repeat(1024 * 1024) + "]}";
    problem(post("team", BATCH, huge), 413, "payload-too-large");
    problem(post("acme", BATCH, batch(List.of(good))), 403, "forbidden");
    problem(api.post(null, path(BATCH), batch(List.of(good))), 401, "unauthenticated");
    assertThat(state("acme") + state("globex")).isEqualTo(before);
  }

  @Test
  void oneThousandItemsAreAcceptedAndOneThousandAndOneRefused() {
    grant("globex", 1000);
    int globex = balance("globex").intValueExact();
    String k = unique("full");
    List<String> full = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      full.add(item("globex", "1", k + "-" + i));
    }
    List<String> tooMany = new ArrayList<>(full);
    tooMany.add(item("globex", "1", k + "-1000"));
    String before = state("globex");
    // Beyond the 64 KiB of other operations: a batch takes up to 1 MiB.
    assertThat(batch(full).length()).isGreaterThan(64 * 1024);
    JsonObject p = problem(post("team", BATCH, batch(tooMany)), 400, "invalid-request");
    assertThat(fields(p)).containsExactly("items");
    assertThat(p.getString("detail")).contains("1 to 1000").contains("1001");
    assertThat(state("globex")).isEqualTo(before);

    long start = System.nanoTime();
    JsonArray out = items(post("team", BATCH, batch(full)));
    long batchNanos = System.nanoTime() - start;
    assertThat(out).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      entryOf(out.getJsonObject(i));
    }
    assertThat(balance("globex").intValueExact()).isEqualTo(globex - 1000);

    // Throughput beside single calls, printed for docs/performance.md (no timed assertion).
    grant("acme", 200);
    start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      created(
          api.post(
              "team", path("organizations/acme/usage"), "{\"credits\":1}", k + "-single-" + i));
    }
    long singleNanos = System.nanoTime() - start;
    System.out.printf(
        "usage/batch throughput: one batch of 1000 items in %d ms (%.0f debits/s);"
            + " 200 single POST /usage in %d ms (%.0f debits/s)%n",
        batchNanos / 1_000_000,
        1000 / (batchNanos / 1e9),
        singleNanos / 1_000_000,
        200 / (singleNanos / 1e9));
  }
}
