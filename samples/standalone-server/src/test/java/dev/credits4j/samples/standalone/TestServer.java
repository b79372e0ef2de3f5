package dev.credits4j.samples.standalone;

import dev.credits4j.rest.security.Role;
import dev.credits4j.samples.standalone.ServerConfig.User;
import dev.credits4j.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * One standalone server per test JVM, on a free port, over this JVM's fresh test database (H2 by
 * default; PostgreSQL or MariaDB under the {@code postgresql} and {@code mariadb} executions).
 * Besides the demo logins it knows {@code globex}, the client of another organization, {@code ops},
 * the operator, and {@code admin2}, {@code team2} and {@code acme2}, staff and a client that {@link
 * Api#newWorkspace()} makes members of no workspace (tests make them members of others), and {@code
 * pat}, {@code kim} and {@code lee}, clients of the portal's browser tests.
 */
final class TestServer {
  static final List<User> USERS;

  static {
    List<User> users = new ArrayList<>(ServerConfig.DEMO_USERS);
    users.add(new User("globex", "globex-demo", Role.CLIENT));
    users.add(new User("ops", "ops-demo", Role.OPERATOR));
    users.add(new User("admin2", "admin2-demo", Role.ADMIN));
    users.add(new User("team2", "team2-demo", Role.TEAM));
    users.add(new User("acme2", "acme2-demo", Role.CLIENT));
    // Clients of the portal's browser tests, each made a member of its own workspace there.
    users.add(new User("pat", "pat-demo", Role.CLIENT));
    users.add(new User("kim", "kim-demo", Role.CLIENT));
    users.add(new User("lee", "lee-demo", Role.CLIENT));
    USERS = List.copyOf(users);
  }

  private static StandaloneServer server;
  private static Api api;

  private TestServer() {}

  static synchronized StandaloneServer server() {
    if (server == null) {
      TestDatabase db = TestDatabase.current();
      db.dataSource(); // creates and migrates this JVM's database
      server =
          StandaloneServer.start(
              new ServerConfig(
                  "localhost", 0, db.url(), db.user(), db.password(), USERS, true, null));
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
