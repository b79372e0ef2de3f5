package dev.credits4j.rest.container;

import dev.credits4j.SchemaMigrations;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The reference WAR's own tables (Idempotency-Key records and whatever else only the API needs):
 * versioned SQL in {@code db/api-migration/<vendor>}, applied with Flyway after the SDK's schema
 * and recorded in a history table of their own, so the SDK's schema stays the embedders' alone.
 */
public final class ApiSchema {
  /** Flyway's history table for the API's tables. */
  public static final String HISTORY_TABLE = "credits_api_schema_history";

  /** The classpath folder of the API's migrations, one subfolder per database. */
  public static final String ROOT = "db/api-migration";

  private ApiSchema() {}

  /** Flyway over the API's migrations for the data source's database. */
  public static Flyway flyway(DataSource dataSource) {
    return SchemaMigrations.flyway(
        dataSource, ROOT, HISTORY_TABLE, ApiSchema.class.getClassLoader());
  }

  /** Migrates the SDK's schema, then the API's tables; returns how many migrations ran in all. */
  public static int migrate(DataSource dataSource) {
    return SchemaMigrations.migrate(dataSource) + flyway(dataSource).migrate().migrationsExecuted;
  }
}
