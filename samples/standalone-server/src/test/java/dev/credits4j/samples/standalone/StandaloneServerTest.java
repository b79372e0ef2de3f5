package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.Api.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server itself: configuration, the H2 file that survives a restart, the demo seeded once. */
@Order(4) // before the shared TestServer starts: see junit-platform.properties
class StandaloneServerTest {

  @Test
  void defaultsArePort8080AnH2FileUnderDataAndTheDemoLogins() {
    ServerConfig c = ServerConfig.from(Map.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.host()).isEqualTo("localhost");
    assertThat(c.dbUrl())
        .startsWith("jdbc:h2:file:")
        .contains(Path.of("data").toAbsolutePath().toString());
    assertThat(c.users()).isEqualTo(ServerConfig.DEMO_USERS);
    assertThat(c.users())
        .extracting(ServerConfig.User::name)
        .containsExactly("admin", "team", "acme");
  }

  @Test
  void theEnvironmentChoosesPortDatabaseAndUsers() {
    ServerConfig c =
        ServerConfig.from(
            Map.of(
                "CREDITS_PORT", "9090",
                "CREDITS_DB_URL", "jdbc:postgresql://db/credits",
                "CREDITS_DB_USER", "app",
                "CREDITS_DB_PASSWORD", "secret",
                "CREDITS_USERS", "boss:pw1:admin, cleo:pw2:client"));
    assertThat(c.port()).isEqualTo(9090);
    assertThat(c.dbUrl()).isEqualTo("jdbc:postgresql://db/credits");
    assertThat(c.dbUser()).isEqualTo("app");
    assertThat(c.dbPassword()).isEqualTo("secret");
    assertThat(c.users()).extracting(ServerConfig.User::name).containsExactly("boss", "cleo");
    assertThatThrownBy(() -> ServerConfig.from(Map.of("CREDITS_PORT", "http")))
        .hasMessageContaining("CREDITS-0811");
    assertThatThrownBy(() -> ServerConfig.from(Map.of("CREDITS_PORT", "70000")))
        .hasMessageContaining("CREDITS-0811");
    assertThatThrownBy(() -> ServerConfig.from(Map.of("CREDITS_USERS", "boss:pw1:root")))
        .hasMessageContaining("CREDITS-0812");
    assertThatThrownBy(() -> ServerConfig.from(Map.of("CREDITS_USERS", "boss")))
        .hasMessageContaining("CREDITS-0812");
  }

  @Test
  void dataSurvivesARestartAndTheDemoIsSeededOnce(@TempDir Path dir) {
    ServerConfig config =
        ServerConfig.from(Map.of("CREDITS_PORT", "0"))
            .withDatabase(ServerConfig.h2File(dir), "sa", "");
    String banner;
    try (StandaloneServer first = StandaloneServer.start(config)) {
      assertThat(first.seededDemo()).isTrue();
      Api api = new Api(first.baseUri());
      Reply wallet = api.get("acme", "workspaces/demo/organizations/acme/wallet");
      assertThat(wallet.status()).as(wallet.toString()).isEqualTo(200);
      assertThat(wallet.json().getJsonNumber("balance").intValue()).isEqualTo(100);
      assertThat(api.get("acme", "workspaces/demo/catalog").json().getJsonArray("items"))
          .hasSize(3);
      assertThat(api.get("acme", "workspaces/demo/offerings").json().getJsonArray("items"))
          .hasSize(3);
      Reply spent =
          api.post(
              "acme",
              "workspaces/demo/organizations/acme/requests",
              "{\"offeringId\":\""
                  + api.get("acme", "workspaces/demo/offerings")
                      .json()
                      .getJsonArray("items")
                      .getJsonObject(0)
                      .getString("id")
                  + "\",\"units\":1}");
      assertThat(spent.status()).as(spent.toString()).isEqualTo(201);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      first.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8));
      banner = out.toString(StandardCharsets.UTF_8);
      assertThat(banner)
          .contains(first.baseUri().toString())
          .contains("admin / admin-demo")
          .contains("team / team-demo")
          .contains("acme / acme-demo")
          .contains("client in demo/acme");
    }
    assertThat(Files.exists(dir.resolve("credits4j.mv.db"))).isTrue();
    try (StandaloneServer second = StandaloneServer.start(config)) {
      assertThat(second.seededDemo()).isFalse();
      Api api = new Api(second.baseUri());
      Reply wallet = api.get("acme", "workspaces/demo/organizations/acme/wallet");
      assertThat(wallet.json().getJsonNumber("balance").intValue())
          .as("the request's debit survived the restart")
          .isLessThan(100);
      assertThat(api.get("team", "workspaces/demo/packages").json().getJsonArray("items"))
          .hasSize(3);
    }
  }

  @Test
  void aPortInUseFailsClearlyAndLeavesNothingOpen(@TempDir Path dir) {
    ServerConfig config =
        ServerConfig.from(Map.of("CREDITS_PORT", "0"))
            .withDatabase(ServerConfig.h2File(dir), "sa", "");
    try (StandaloneServer first = StandaloneServer.start(config)) {
      ServerConfig same = config.withPort(first.baseUri().getPort()).withSeedDemo(false);
      assertThatThrownBy(() -> StandaloneServer.start(same)).hasMessageContaining("CREDITS-0813");
      assertThat(new Api(first.baseUri()).get("acme", "workspaces/demo/catalog").status())
          .isEqualTo(200);
    }
  }
}
