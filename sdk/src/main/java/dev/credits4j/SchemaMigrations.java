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
    return "db/migration/" + vendor(dataSource);
  }

  /**
   * The data source's database as the migration folders name it: {@code h2}, {@code postgresql} or
   * {@code mariadb} (MySQL too).
   */
  public static String vendor(DataSource dataSource) {
    String product;
    try (Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "CREDITS-0020 cannot connect to the database to migrate it", e);
    }
    String p = product.toLowerCase(Locale.ROOT);
    if (p.contains("postgres")) {
      return "postgresql";
    }
    if (p.contains("mariadb") || p.contains("mysql")) {
      return "mariadb";
    }
    if (p.contains("h2")) {
      return "h2";
    }
    throw new IllegalStateException(
        "CREDITS-0021 no credits4j migrations for "
            + product
            + "; supported: H2, PostgreSQL, MariaDB");
  }

  /** Migrates the data source to the SDK's latest schema; returns how many migrations ran. */
  public static int migrate(DataSource dataSource) {
    return flyway(
            dataSource, "db/migration", HISTORY_TABLE, SchemaMigrations.class.getClassLoader())
        .migrate()
        .migrationsExecuted;
  }

  /**
   * Flyway over one set of versioned migrations, {@code <root>/<vendor>} on {@code loader}'s
   * classpath, with its own history table: the SDK's set ({@link #migrate}), or a set of a module
   * built on it (the reference WAR keeps its API tables in one of its own).
   */
  public static Flyway flyway(
      DataSource dataSource, String root, String historyTable, ClassLoader loader) {
    return Flyway.configure(loader)
        .dataSource(dataSource)
        .locations("classpath:" + root + "/" + vendor(dataSource))
        .table(historyTable)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }
}
