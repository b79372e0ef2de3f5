package dev.credits4j.rest.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.SchemaMigrations;
import dev.credits4j.rest.container.ApiSchema;
import dev.credits4j.rest.health.HealthReport.Database;
import dev.credits4j.rest.health.HealthReport.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The health check's verdicts, on an in-memory H2 database in each state. */
class HealthReportTest {

  private static DataSource freshDatabase() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:health_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  private static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void aMigratedDatabaseIsUpAndCurrent() {
    DataSource ds = freshDatabase();
    ApiSchema.migrate(ds);
    HealthReport report = HealthReport.check(ds);
    assertThat(report).isEqualTo(new HealthReport(Database.UP, Migrations.CURRENT));
    assertThat(report.up()).isTrue();
  }

  @Test
  void theSdkSchemaWithoutTheApiTablesIsPending() {
    DataSource ds = freshDatabase();
    SchemaMigrations.migrate(ds);
    assertThat(HealthReport.check(ds)).isEqualTo(new HealthReport(Database.UP, Migrations.PENDING));
  }

  @Test
  void anEmptyDatabaseHasPendingMigrations() {
    HealthReport report = HealthReport.check(freshDatabase());
    assertThat(report).isEqualTo(new HealthReport(Database.UP, Migrations.PENDING));
    assertThat(report.up()).isFalse();
  }

  @Test
  void aSchemaMigratedByANewerReleaseIsAhead() throws SQLException {
    DataSource ds = freshDatabase();
    ApiSchema.migrate(ds);
    execute(
        ds,
        "INSERT INTO \""
            + SchemaMigrations.HISTORY_TABLE
            + "\" (\"installed_rank\", \"version\","
            + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\","
            + " \"execution_time\", \"success\") VALUES (999, '999', 'future', 'SQL',"
            + " 'V999__future.sql', 0, 'test', 0, TRUE)");
    assertThat(HealthReport.check(ds)).isEqualTo(new HealthReport(Database.UP, Migrations.AHEAD));
  }

  @Test
  void aFailedMigrationIsReported() throws SQLException {
    DataSource ds = freshDatabase();
    ApiSchema.migrate(ds);
    execute(
        ds,
        "UPDATE \""
            + SchemaMigrations.HISTORY_TABLE
            + "\" SET \"success\" = FALSE"
            + " WHERE \"version\" = '1'");
    assertThat(HealthReport.check(ds)).isEqualTo(new HealthReport(Database.UP, Migrations.FAILED));
  }

  @Test
  void anUnreachableDatabaseIsDown() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:unreachable;IFEXISTS=TRUE");
    HealthReport report = HealthReport.check(ds);
    assertThat(report).isEqualTo(new HealthReport(Database.DOWN, Migrations.UNKNOWN));
    assertThat(report.up()).isFalse();
  }

  @Test
  void withoutADataSourceTheWarIsNotConfigured() {
    HealthReport report = HealthReport.unconfigured();
    assertThat(report.database()).isEqualTo(Database.UNCONFIGURED);
    assertThat(report.up()).isFalse();
  }
}
