package dev.credits4j.rest.server;

import dev.credits4j.rest.security.Role;
import dev.credits4j.rest.server.WarServer.Login;
import dev.credits4j.testing.TestDatabase;
import java.util.List;

/**
 * One {@link WarServer} per test JVM, on a free port, over this JVM's fresh test database (H2 by
 * default; PostgreSQL or MariaDB under the {@code postgresql} and {@code mariadb} executions). Its
 * logins: {@code admin}, {@code team} and {@code acme} (the standalone server's demo logins),
 * {@code globex}, the client of another organization, {@code ops}, the operator, and {@code
 * admin2}, {@code team2} and {@code acme2}, staff and a client that {@link Api#newWorkspace()}
 * makes members of no workspace (tests make them members of others), and {@code pat}, {@code kim}
 * and {@code lee}, clients of the portal's browser tests (in the standalone server's module).
 */
public final class TestServer {
  /** Every login of the test servers, with its password and role. */
  public static final List<Login> USERS =
      List.of(
          new Login("admin", "admin-demo", Role.ADMIN),
          new Login("team", "team-demo", Role.TEAM),
          new Login("acme", "acme-demo", Role.CLIENT),
          new Login("globex", "globex-demo", Role.CLIENT),
          new Login("ops", "ops-demo", Role.OPERATOR),
          new Login("admin2", "admin2-demo", Role.ADMIN),
          new Login("team2", "team2-demo", Role.TEAM),
          new Login("acme2", "acme2-demo", Role.CLIENT),
          // Clients of the portal's browser tests, each made a member of its own workspace there.
          new Login("pat", "pat-demo", Role.CLIENT),
          new Login("kim", "kim-demo", Role.CLIENT),
          new Login("lee", "lee-demo", Role.CLIENT));

  private static WarServer server;
  private static Api api;

  private TestServer() {}

  static synchronized WarServer server() {
    if (server == null) {
      server = WarServer.start(TestDatabase.current().dataSource(), USERS);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  static synchronized Api api() {
    if (api == null) {
      api = new Api(server().baseUri());
    }
    return api;
  }
}
