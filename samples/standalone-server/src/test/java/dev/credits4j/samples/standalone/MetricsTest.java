package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.samples.standalone.Api.Reply;
import dev.credits4j.samples.standalone.ServerConfig.Metrics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics}: the SDK's operations, observed under the server's CDI wiring, in the
 * Prometheus text format, for the operators only unless {@code CREDITS_METRICS} says otherwise.
 */
class MetricsTest {
  private static final String OPERATION = "credits4j_operation_seconds_count";

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
    String after = scrape(root);

    assertThat(increase(before, after, OPERATION, "CreditLedger", "addManually", "outcome", "ok"))
        .isEqualTo(1);
    assertThat(increase(before, after, OPERATION, "CreditLedger", "consume", "outcome", "ok"))
        .isEqualTo(1);
    assertThat(
            increase(
                before, after, OPERATION, "CreditLedger", "consume", "outcome", "insufficient"))
        .isEqualTo(1);
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
  void publicOpensTheMetricsAndOffRemovesThem(@TempDir Path dir) {
    ServerConfig config =
        ServerConfig.from(Map.of("CREDITS_PORT", "0"))
            .withDatabase(ServerConfig.h2File(dir), "sa", "")
            .withJobs(null);
    try (StandaloneServer server = StandaloneServer.start(config.withMetrics(Metrics.PUBLIC))) {
      Reply anonymous = new Api(server.metricsUri().resolve("/")).get(null, "metrics");
      assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(200);
      // The demo seeding went through the observed services.
      assertThat(anonymous.body()).contains(OPERATION + "{").contains("service=\"Workspaces\"");
    }
    try (StandaloneServer server = StandaloneServer.start(config.withMetrics(Metrics.OFF))) {
      Api root = new Api(server.metricsUri().resolve("/"));
      assertThat(root.get(null, "metrics").status()).isEqualTo(404);
      assertThat(root.get("ops", "metrics").status()).isEqualTo(404);
      // The API itself works without the observed services.
      Reply wallet =
          new Api(server.baseUri()).get("acme", "workspaces/demo/organizations/acme/wallet");
      assertThat(wallet.status()).as(wallet.toString()).isEqualTo(200);
    }
  }

  @Test
  void theSettingIsOperatorPublicOrOff() {
    assertThat(ServerConfig.from(Map.of()).metrics()).isEqualTo(Metrics.OPERATOR);
    assertThat(ServerConfig.from(Map.of("CREDITS_METRICS", " ")).metrics())
        .isEqualTo(Metrics.OPERATOR);
    assertThat(ServerConfig.from(Map.of("CREDITS_METRICS", "operator")).metrics())
        .isEqualTo(Metrics.OPERATOR);
    assertThat(ServerConfig.from(Map.of("CREDITS_METRICS", "Public")).metrics())
        .isEqualTo(Metrics.PUBLIC);
    assertThat(ServerConfig.from(Map.of("CREDITS_METRICS", "off")).metrics())
        .isEqualTo(Metrics.OFF);
    for (String bad : new String[] {"on", "yes", "operators", "admin"}) {
      assertThatThrownBy(() -> ServerConfig.from(Map.of("CREDITS_METRICS", bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("CREDITS-0819")
          .hasMessageContaining("CREDITS_METRICS")
          .hasMessageContaining("'" + bad + "'");
    }
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
