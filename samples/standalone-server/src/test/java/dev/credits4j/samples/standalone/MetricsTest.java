package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.Api.Reply;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics}: the SDK's operations, observed under the server's CDI wiring, in the
 * Prometheus text format, for the operators only unless {@code CREDITS_METRICS} says otherwise.
 */
class MetricsTest {
  static final String OPERATION = "credits4j_operation_seconds_count";

  @Test
  void ledgerOperationsAreCountedByServiceOperationAndOutcome() {
    Api api = TestServer.api();
    Api root = new Api(TestServer.server().metricsUri().resolve("/"));
    String ws = api.newWorkspace();
    String wallet = "workspaces/" + ws + "/organizations/acme/";

    String before = scrape(root);
    Reply added =
        api.post(
            "team",
            wallet + "adjustments",
            "{\"direction\":\"ADD\",\"credits\":10,\"reason\":\"COMPENSATION\","
                + "\"description\":\"welcome\"}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    Reply used = api.post("team", wallet + "usage", "{\"credits\":3}");
    assertThat(used.status()).as(used.toString()).isEqualTo(201);
    Reply shortfall = api.post("team", wallet + "usage", "{\"credits\":100}");
    assertThat(shortfall.status()).as(shortfall.toString()).isEqualTo(402);
    Reply registered =
        api.put("admin", "workspaces/" + ws + "/organizations/initech", "{\"displayName\":\"I\"}");
    assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
    String after = scrape(root);

    assertThat(increase(before, after, OPERATION, "CreditLedger", "addManually", "outcome", "ok"))
        .isEqualTo(1);
    assertThat(increase(before, after, OPERATION, "CreditLedger", "consume", "outcome", "ok"))
        .isEqualTo(1);
    assertThat(
            increase(
                before, after, OPERATION, "CreditLedger", "consume", "outcome", "insufficient"))
        .isEqualTo(1);
    // One call per API operation: registering an organization reads its balance inside
    // Workspaces, which (as with the builder) is not also a CreditLedger call.
    assertThat(
            increase(
                before, after, OPERATION, "Workspaces", "registerOrganization", "outcome", "ok"))
        .isEqualTo(1);
    assertThat(increase(before, after, OPERATION, "CreditLedger", "balance", "outcome", "ok"))
        .isZero();
    // The SDK's own transactions report to the registry too (CdiWiring took the events bean).
    assertThat(value(after, "credits4j_transaction_attempts_count", Map.of()))
        .isGreaterThan(value(before, "credits4j_transaction_attempts_count", Map.of()));
  }

  @Test
  void byDefaultOnlyTheOperatorsReadTheMetrics() {
    Api root = new Api(TestServer.server().metricsUri().resolve("/"));
    Reply anonymous = root.get(null, "metrics");
    assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
    Reply wrongPassword = root.get("nobody", "metrics");
    assertThat(wrongPassword.status()).isEqualTo(401);
    for (String member : new String[] {"team", "admin", "acme"}) {
      Reply r = root.get(member, "metrics");
      assertThat(r.status()).as(member + ": " + r).isEqualTo(403);
      assertThat(r.body()).doesNotContain("credits4j_");
    }
    Reply ops = root.get("ops", "metrics");
    assertThat(ops.status()).as(ops.toString()).isEqualTo(200);
    assertThat(ops.contentType()).startsWith("text/plain; version=0.0.4");
    assertThat(ops.header("Cache-Control")).isEqualTo("no-store");
    assertThat(root.send("ops", "POST", "metrics", "{}", Map.of()).status()).isEqualTo(405);
    assertThat(root.get("ops", "metrics/extra").status()).isEqualTo(404);
  }

  @Test
  void theApiServesTheSameMetersToOperatorsWithTheJvmsAndThePools() {
    Api api = TestServer.api();
    Reply anonymous = api.get(null, "metrics");
    assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
    for (String member : new String[] {"team", "admin", "acme"}) {
      Reply r = api.get(member, "metrics");
      assertThat(r.status()).as(member + ": " + r).isEqualTo(403);
      assertThat(r.body()).doesNotContain("credits4j_");
    }
    String ws = api.newWorkspace();
    Reply added =
        api.post(
            "team",
            "workspaces/" + ws + "/organizations/acme/adjustments",
            "{\"direction\":\"ADD\",\"credits\":5,\"reason\":\"COMPENSATION\","
                + "\"description\":\"for the meters\"}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);

    Reply ops = api.get("ops", "metrics");
    assertThat(ops.status()).as(ops.toString()).isEqualTo(200);
    assertThat(ops.contentType()).startsWith("text/plain").contains("version=0.0.4");
    assertThat(ops.header("Cache-Control")).isEqualTo("no-store");
    String body = ops.body();
    assertThat(
            value(body, OPERATION, Map.of("service", "CreditLedger", "operation", "addManually")))
        .isPositive();
    // The JVM's meters and the connection pool's.
    assertThat(value(body, "jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
    assertThat(value(body, "jvm_threads_live_threads", Map.of())).isPositive();
    assertThat(value(body, "process_uptime_seconds", Map.of())).isPositive();
    assertThat(value(body, "hikaricp_connections_max", Map.of("pool", "credits4j-standalone")))
        .isPositive();
    assertThat(value(body, "hikaricp_connections_acquire_seconds_count", Map.of())).isPositive();
    // The same registry as GET /metrics beside the API.
    Api root = new Api(TestServer.server().metricsUri().resolve("/"));
    assertThat(scrape(root)).contains("hikaricp_connections_max");
  }

  private static String scrape(Api root) {
    Reply r = root.get("ops", "metrics");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.body();
  }

  private static double increase(
      String before,
      String after,
      String name,
      String service,
      String operation,
      String tag,
      String tagValue) {
    Map<String, String> labels = Map.of("service", service, "operation", operation, tag, tagValue);
    return value(after, name, labels) - value(before, name, labels);
  }

  /** The sum of the samples of {@code name} whose labels include {@code labels}. */
  private static double value(String scrape, String name, Map<String, String> labels) {
    double sum = 0;
    for (String line : scrape.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      Map<String, String> found = new HashMap<>();
      int open = line.indexOf('{');
      int close = line.lastIndexOf('}');
      if (open > 0 && open < name.length() + 1) {
        for (String pair : line.substring(open + 1, close).split("\",")) {
          int eq = pair.indexOf('=');
          found.put(pair.substring(0, eq), pair.substring(eq + 2).replace("\"", ""));
        }
      }
      if (found.entrySet().containsAll(labels.entrySet())) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
