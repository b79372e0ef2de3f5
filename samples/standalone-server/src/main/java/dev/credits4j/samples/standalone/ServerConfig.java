package dev.credits4j.samples.standalone;

import dev.credits4j.rest.security.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the standalone server runs with, from environment variables:
 *
 * <ul>
 *   <li>{@code CREDITS_PORT}: the HTTP port, 8080 by default (0: any free port);
 *   <li>{@code CREDITS_HOST}: the address to listen on, {@code localhost} by default ({@code
 *       0.0.0.0} for every interface);
 *   <li>{@code CREDITS_DB_URL}, {@code CREDITS_DB_USER}, {@code CREDITS_DB_PASSWORD}: any JDBC
 *       database the SDK supports; by default an H2 file under {@code ./data}, so data survives a
 *       restart;
 *   <li>{@code CREDITS_USERS}: the logins, {@code name:password:role[,...]} with role {@code
 *       admin}, {@code team} or {@code client}; by default the three demo users.
 * </ul>
 *
 * @param seedDemo whether to create the {@code demo} workspace on start (once)
 */
public record ServerConfig(
    String host,
    int port,
    String dbUrl,
    String dbUser,
    String dbPassword,
    List<User> users,
    boolean seedDemo) {

  /** A login of the configured user list. */
  public record User(String name, String password, Role role) {
    public User {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(role, "role");
    }
  }

  /** The demo logins the README states. */
  public static final List<User> DEMO_USERS =
      List.of(
          new User("admin", "admin-demo", Role.ADMIN),
          new User("team", "team-demo", Role.TEAM),
          new User("acme", "acme-demo", Role.CLIENT));

  public ServerConfig {
    users = List.copyOf(users);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("CREDITS-0811 CREDITS_PORT must be 0 to 65535: " + port);
    }
  }

  /** The H2 file database under {@code dir}: {@code <dir>/credits4j.mv.db}. */
  public static String h2File(Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("credits4j") + ";LOCK_TIMEOUT=10000";
  }

  /** The configuration from the process environment. */
  public static ServerConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static ServerConfig from(Map<String, String> env) {
    String portText = env.getOrDefault("CREDITS_PORT", "8080");
    int port;
    try {
      port = Integer.parseInt(portText.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "CREDITS-0811 CREDITS_PORT must be a port number: " + portText);
    }
    String url = env.get("CREDITS_DB_URL");
    boolean embedded = url == null || url.isBlank();
    return new ServerConfig(
        env.getOrDefault("CREDITS_HOST", "localhost"),
        port,
        embedded ? h2File(Path.of("data")) : url,
        env.getOrDefault("CREDITS_DB_USER", embedded ? "sa" : null),
        env.getOrDefault("CREDITS_DB_PASSWORD", embedded ? "" : null),
        users(env.get("CREDITS_USERS")),
        true);
  }

  static List<User> users(String spec) {
    if (spec == null || spec.isBlank()) {
      return DEMO_USERS;
    }
    List<User> users = new ArrayList<>();
    for (String entry : spec.split(",")) {
      String[] parts = entry.trim().split(":", 3);
      if (parts.length != 3 || parts[0].isBlank() || parts[1].isEmpty()) {
        throw new IllegalArgumentException(
            "CREDITS-0812 CREDITS_USERS entries are name:password:role, got '" + entry + "'");
      }
      Role role;
      try {
        role = Role.valueOf(parts[2].trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "CREDITS-0812 a CREDITS_USERS role is admin, team or client, got '" + parts[2] + "'");
      }
      users.add(new User(parts[0].trim(), parts[1], role));
    }
    return users;
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, users, seedDemo);
  }

  public ServerConfig withDatabase(String url, String user, String password) {
    return new ServerConfig(host, port, url, user, password, users, seedDemo);
  }

  public ServerConfig withSeedDemo(boolean seed) {
    return new ServerConfig(host, port, dbUrl, dbUser, dbPassword, users, seed);
  }
}
