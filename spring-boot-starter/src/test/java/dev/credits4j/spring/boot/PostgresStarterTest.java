package dev.credits4j.spring.boot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter on PostgreSQL (server from {@code credits.test.pg.url}): a database of its own,
 * dropped afterwards.
 */
@SpringBootTest(classes = TestShop.class)
class PostgresStarterTest extends StarterTestBase {
  private static final String SERVER =
      System.getProperty("credits.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = System.getProperty("credits.test.pg.user", "postgres");
  private static final String PASSWORD = System.getProperty("credits.test.pg.password", "");
  private static final String DB =
      "credits_s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws SQLException {
    admin("create database " + DB);
    registry.add(
        "spring.datasource.url", () -> SERVER.replaceAll("/[^/?]*(\\?.*)?$", "/" + DB + "$1"));
    registry.add("spring.datasource.username", () -> USER);
    registry.add("spring.datasource.password", () -> PASSWORD);
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    // the context (and its pool) is cached until the JVM ends: force the drop
    admin("drop database if exists " + DB + " with (force)");
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
