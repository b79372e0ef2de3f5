package dev.credits4j;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies the SDK's versioned SQL ({@code db/migration/<vendor>/V*.sql}, for h2, postgresql and
 * mariadb) with Flyway, keeping its own history table so it never collides with the host's. Hosts
 * that run migrations with their own tooling can take the same files from the jar instead.
 */
public final class SchemaMigrations {
  /** Flyway's history table for the SDK's schema. */
  public static final String HISTORY_TABLE = "credits_schema_history";

  private SchemaMigrations() {}

  /** The migrations folder for the data source's database: {@code db/migration/<vendor>}. */
  public static String location(DataSource dataSource) {
    String product;
    try (Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "CREDITS-0020 cannot connect to the database to migrate it", e);
    }
    String p = product.toLowerCase(Locale.ROOT);
    if (p.contains("postgres")) {
      return "db/migration/postgresql";
    }
    if (p.contains("mariadb") || p.contains("mysql")) {
      return "db/migration/mariadb";
    }
    if (p.contains("h2")) {
      return "db/migration/h2";
    }
    throw new IllegalStateException(
        "CREDITS-0021 no credits4j migrations for "
            + product
            + "; supported: H2, PostgreSQL, MariaDB");
  }

  /** Migrates the data source to the SDK's latest schema; returns how many migrations ran. */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure(SchemaMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:" + location(dataSource))
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
