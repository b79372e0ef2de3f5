package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.Api.Reply;
import dev.credits4j.samples.standalone.ServerConfig.Metrics;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CREDITS_METRICS}: its values, each mistake named, and what {@code public} and {@code off}
 * do.
 */
@Order(3) // before the shared TestServer starts: see junit-platform.properties
class MetricsSettingsTest {
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
      assertThat(anonymous.body())
          .contains(MetricsTest.OPERATION + "{")
          .contains("service=\"Workspaces\"");
    }
    ServerConfig withOperator =
        new ServerConfig(
                "localhost", 0, ServerConfig.h2File(dir), "sa", "", TestServer.USERS, true, null)
            .withJobs(null);
    try (StandaloneServer server = StandaloneServer.start(withOperator.withMetrics(Metrics.OFF))) {
      Api root = new Api(server.metricsUri().resolve("/"));
      assertThat(root.get(null, "metrics").status()).isEqualTo(404);
      assertThat(root.get("ops", "metrics").status()).isEqualTo(404);
      Reply api = new Api(server.baseUri()).get("ops", "metrics");
      assertThat(api.status()).as(api.toString()).isEqualTo(404);
      assertThat(api.body()).contains("keeps no meters");
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
}
