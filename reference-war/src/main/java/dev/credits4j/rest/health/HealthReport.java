package dev.credits4j.rest.health;

import dev.credits4j.SchemaMigrations;
import dev.credits4j.rest.container.ApiSchema;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** What {@code /api/v1/health} reports: can the database be reached, and is its schema current. */
record HealthReport(Database database, Migrations migrations) {
  private static final System.Logger LOG = System.getLogger(HealthReport.class.getName());

  /** Whether the database answered. */
  enum Database {
    UP,
    DOWN,
    UNCONFIGURED
  }

  /**
   * The schema against the migrations bundled in the SDK and the WAR, declared from best to worst.
   */
  enum Migrations {
    /** Every bundled migration applied, none failed. */
    CURRENT,
    /** Some bundled migration not applied yet (or the SDK's history table is missing). */
    PENDING,
    /** A migration failed: the schema needs the operator. */
    FAILED,
    /** The schema has versions this SDK does not know: a newer release migrated it. */
    AHEAD,
    /** Not checked: the database could not be reached. */
    UNKNOWN
  }

  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  boolean up() {
    return database == Database.UP && migrations == Migrations.CURRENT;
  }

  static HealthReport unconfigured() {
    return new HealthReport(Database.UNCONFIGURED, Migrations.UNKNOWN);
  }

  static HealthReport check(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      if (!c.isValid(VALIDATION_TIMEOUT_SECONDS)) {
        return new HealthReport(Database.DOWN, Migrations.UNKNOWN);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "CREDITS-0910 health check: the database cannot be reached", e);
      return new HealthReport(Database.DOWN, Migrations.UNKNOWN);
    }
    try {
      return new HealthReport(Database.UP, migrations(dataSource));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "CREDITS-0911 health check: cannot read the schema history", e);
      return new HealthReport(Database.UP, Migrations.UNKNOWN);
    }
  }

  /** The state of the SDK's schema and of the API's tables together: the worse of the two. */
  private static Migrations migrations(DataSource dataSource) {
    Migrations sdk =
        migrations(
            SchemaMigrations.flyway(
                dataSource,
                "db/migration",
                SchemaMigrations.HISTORY_TABLE,
                SchemaMigrations.class.getClassLoader()));
    Migrations api = migrations(ApiSchema.flyway(dataSource));
    return sdk.compareTo(api) >= 0 ? sdk : api;
  }

  private static Migrations migrations(Flyway flyway) {
    MigrationInfo[] all = flyway.info().all();
    if (Arrays.stream(all).anyMatch(m -> m.getState().isFailed())) {
      return Migrations.FAILED;
    }
    if (Arrays.stream(all).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS)) {
      return Migrations.AHEAD;
    }
    if (Arrays.stream(all).anyMatch(m -> m.getState() == MigrationState.PENDING)) {
      return Migrations.PENDING;
    }
    return Migrations.CURRENT;
  }
}
