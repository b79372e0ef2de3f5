package dev.credits4j.samples.standalone;

import java.util.Map;

/**
 * An optional read replica, from the environment: {@code CREDITS_DB_REPLICA_URL} (a JDBC URL of a
 * read-only replica of the {@code CREDITS_DB_URL} database, e.g. a PostgreSQL hot standby), {@code
 * CREDITS_DB_REPLICA_USER} and {@code CREDITS_DB_REPLICA_PASSWORD} (the primary's by default) and
 * {@code CREDITS_DB_REPLICA_POOL_SIZE} (1 to 200 connections, 8 by default). When set, reports,
 * history pages, CSV exports, statement lists and organization lists read from it; everything else
 * stays on the primary (docs/scaling.md, "Reads from a replica").
 */
record ReplicaSettings(String url, String user, String password, int poolSize) {

  /** The replica the environment names, or null when {@code CREDITS_DB_REPLICA_URL} is unset. */
  static ReplicaSettings from(Map<String, String> env, ServerConfig config) {
    String url = env.get("CREDITS_DB_REPLICA_URL");
    if (url == null || url.isBlank()) {
      if (env.containsKey("CREDITS_DB_REPLICA_USER")
          || env.containsKey("CREDITS_DB_REPLICA_PASSWORD")
          || env.containsKey("CREDITS_DB_REPLICA_POOL_SIZE")) {
        throw new IllegalArgumentException(
            "CREDITS-0821 CREDITS_DB_REPLICA_USER, CREDITS_DB_REPLICA_PASSWORD and"
                + " CREDITS_DB_REPLICA_POOL_SIZE need CREDITS_DB_REPLICA_URL");
      }
      return null;
    }
    url = url.trim();
    if (url.equals(config.dbUrl())) {
      throw new IllegalArgumentException(
          "CREDITS-0821 CREDITS_DB_REPLICA_URL is CREDITS_DB_URL itself: name a replica of it");
    }
    if (url.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException(
          "CREDITS-0821 CREDITS_DB_REPLICA_URL must name a replica of the primary (PostgreSQL or"
              + " MariaDB), not an H2 database");
    }
    return new ReplicaSettings(
        url,
        env.getOrDefault("CREDITS_DB_REPLICA_USER", config.dbUser()),
        env.getOrDefault("CREDITS_DB_REPLICA_PASSWORD", config.dbPassword()),
        poolSize(env.get("CREDITS_DB_REPLICA_POOL_SIZE")));
  }

  private static int poolSize(String text) {
    if (text == null || text.isBlank()) {
      return 8;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= 200) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "CREDITS-0821 CREDITS_DB_REPLICA_POOL_SIZE must be 1 to 200 connections, got '"
            + text
            + "'");
  }
}
