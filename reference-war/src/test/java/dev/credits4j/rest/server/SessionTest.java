package dev.credits4j.rest.server;

import static dev.credits4j.rest.server.RestTestBase.created;
import static dev.credits4j.rest.server.RestTestBase.pkg;

import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.testing.MutableClock;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Order;

/**
 * The portal's sessions ({@link SessionTestBase}) on the WAR: its {@code SessionResource} and its
 * session cookie mechanism, on a {@link WarServer} of its own (the test clock) over an in-memory H2
 * database of its own, in a fresh workspace with the Professional package.
 */
@Order(1) // a server of its own, before the shared TestServer starts: see junit-platform.properties
class SessionTest extends SessionTestBase {
  private HikariDataSource database;
  private WarServer server;

  @Override
  protected URI startServer(MutableClock clock, Duration idleTimeout) {
    database = WarServer.h2();
    server = WarServer.start(database, TestServer.USERS, clock, idleTimeout);
    return server.baseUri();
  }

  @Override
  protected String workspace(Api api) {
    String ws = api.newWorkspace();
    created(
        api.post(
            "admin",
            "workspaces/" + ws + "/packages",
            pkg("Professional", 500, "449.00", 180, true, 20)));
    return ws;
  }

  @Override
  protected Connection connection() throws SQLException {
    return database.getConnection();
  }

  @Override
  protected void stopServer() {
    if (server != null) {
      server.close();
    }
    if (database != null) {
      database.close();
    }
  }
}
