package dev.credits4j.samples.standalone;

import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.WarServer;
import dev.credits4j.samples.standalone.ServerConfig.User;
import dev.credits4j.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * One standalone server per test JVM, on a free port, over this JVM's fresh test database (H2 by
 * default; PostgreSQL or MariaDB under the {@code postgresql} and {@code mariadb} executions), with
 * the demo workspace. Its logins are those of the WAR's tests ({@code
 * dev.credits4j.rest.server.TestServer}, whose {@link Api} knows their passwords): the demo logins,
 * with their membership of the demo workspace, and the others, members of no workspace.
 */
final class TestServer {
  static final List<User> USERS;

  static {
    List<User> users = new ArrayList<>(ServerConfig.DEMO_USERS);
    List<String> demo = users.stream().map(User::name).toList();
    for (WarServer.Login l : dev.credits4j.rest.server.TestServer.USERS) {
      if (!demo.contains(l.name())) {
        users.add(new User(l.name(), l.password(), l.role()));
      }
    }
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
