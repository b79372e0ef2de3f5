package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.SessionTestBase;
import dev.credits4j.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The portal's sessions ({@link SessionTestBase}, from the WAR's test jar) on the standalone
 * server: its own cookie filter ({@code SessionAuthentication}) and session settings (the clock and
 * idle timeout it passes on), on a server of its own over an H2 file of its own (two servers in one
 * JVM over one database URL would share EclipseLink's session), in the seeded demo workspace; and
 * the timeout's setting from the environment.
 */
@Order(7) // before the shared TestServer starts: see junit-platform.properties
class StandaloneSessionTest extends SessionTestBase {
  private StandaloneServer server;
  private Path dir;

  @Override
  protected URI startServer(MutableClock clock, Duration idleTimeout) {
    try {
      dir = Files.createTempDirectory("credits4j-session-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server =
        StandaloneServer.start(
            new ServerConfig(
                "localhost", 0, ServerConfig.h2File(dir), "sa", "", TestServer.USERS, true, null),
            LedgerKeySettings.none(),
            new SessionSettings(idleTimeout, clock));
    return server.baseUri();
  }

  @Override
  protected String workspace(Api api) {
    return DemoWorkspace.WORKSPACE;
  }

  @Override
  protected Connection connection() throws SQLException {
    return DriverManager.getConnection(ServerConfig.h2File(dir), "sa", "");
  }

  @Override
  protected void stopServer() {
    if (server != null) {
      server.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void theTimeoutSettingIsMinutesFrom1To1440() {
    assertThat(SessionSettings.from(Map.of()).idleTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(SessionSettings.from(Map.of("CREDITS_SESSION_TIMEOUT", " 5 ")).idleTimeout())
        .isEqualTo(Duration.ofMinutes(5));
    for (String bad : List.of("0", "1441", "ten", "-3")) {
      assertThatThrownBy(() -> SessionSettings.from(Map.of("CREDITS_SESSION_TIMEOUT", bad)))
          .as(bad)
          .hasMessageContaining("CREDITS-0840");
    }
  }
}
