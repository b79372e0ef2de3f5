package dev.credits4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.OrganizationQuery;
import dev.credits4j.api.ReportQuery;
import dev.credits4j.api.RollupReport;
import dev.credits4j.api.SummaryReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.internal.ReplicaReads;
import dev.credits4j.internal.Transactions;
import dev.credits4j.report.CsvExports;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.PrivatePostgres;
import dev.credits4j.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.money.Monetary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads from a replica (docs/scaling.md): a private PostgreSQL primary and a hot standby streaming
 * from it ({@code pg_basebackup -R}), both started by the test on loopback ports from 19800 ({@code
 * credits.test.replica.port}). One SDK is built with the standby as its {@code readReplica},
 * another over the primary only. With the standby's replay paused ({@code pg_wal_replay_pause()}),
 * writes made through the first SDK succeed (a hot standby refuses every write, so they reached the
 * primary) and its balance reads see them, while its reports, history pages, CSV export and
 * organization list still show the standby's older state; the primary-only SDK shows the new one.
 * The report rollup runs, and writes, on the primary meanwhile. Once replay resumes, the replica's
 * reports equal the primary's, read through the rollup the primary wrote. Skipped where PostgreSQL
 * 15's binaries are not installed.
 */
class ReadReplicaTest {
  private static final int PORTS = Integer.getInteger("credits.test.replica.port", 19800);
  private static final Actor SYSTEM = Actor.system("replica-test");
  private static final Actor CLIENT = Actor.client("u-replica", "Replica Client");
  private static final String WS = "replica-ws";
  private static final WalletRef ACME = WalletRef.of(WS, "acme");
  private static final ReportQuery MARCH =
      ReportQuery.of(WS, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"));

  @Test
  void reportsHistoryAndExportsReadTheReplicaWhileWritesGoToThePrimary() throws Exception {
    PrivatePostgres.unavailable().ifPresent(reason -> Assumptions.abort("skipped: " + reason));
    try (PrivatePostgres primary = PrivatePostgres.createFrom(PORTS)) {
      primary.start();
      primary.execute("CREATE DATABASE credits");
      try (PrivatePostgres standby = primary.standbyFrom(PORTS)) {
        standby.start();
        try (HikariDataSource primaryDs = pool(primary, "replica-test-primary", false);
            HikariDataSource standbyDs = pool(standby, "replica-test-standby", true)) {
          run(primary, standby, primaryDs, standbyDs);
        }
      }
    }
  }

  private void run(
      PrivatePostgres primary,
      PrivatePostgres standby,
      HikariDataSource primaryDs,
      HikariDataSource standbyDs)
      throws Exception {
    MutableClock clock = MutableClock.at("2026-03-10T10:00:00Z");
    try (Credits4j onReplica =
            Credits4j.builder()
                .dataSource(primaryDs)
                .migrate(true)
                .readReplica(standbyDs)
                .clock(clock)
                .ledgerKeys(TestDatabase.LEDGER_KEYS)
                .build();
        Credits4j onPrimary =
            Credits4j.builder()
                .dataSource(primaryDs)
                .clock(clock)
                .ledgerKeys(TestDatabase.LEDGER_KEYS)
                .build()) {
      assertThat(onReplica.readsFromReplica()).isTrue();
      assertThat(onPrimary.readsFromReplica()).isFalse();
      onReplica
          .workspaces()
          .create(WorkspaceSettings.builder(WS, Monetary.getCurrency("USD")).build());
      onReplica.workspaces().registerOrganization(ACME, "Acme");
      grant(onReplica, 100, "g1");
      for (int i = 1; i <= 3; i++) {
        consume(onReplica, 10, "c" + i);
      }
      awaitReplay(primary, standby);

      SummaryReport before = onReplica.reports().summary(MARCH);
      assertThat(before.credits().sold()).isEqualByComparingTo("100");
      assertThat(before.credits().consumed()).isEqualByComparingTo("30");
      assertThat(before).isEqualTo(onPrimary.reports().summary(MARCH));

      // The standby stops applying the primary's WAL: it keeps the state above.
      standby.execute("SELECT pg_wal_replay_pause()");
      clock.set(Instant.parse("2026-03-11T09:00:00Z"));
      grant(onReplica, 50, "g2");
      consume(onReplica, 5, "c4");

      // Balances decide writes: read on the primary, they see the new entries.
      assertThat(onReplica.ledger().balance(ACME).balance()).isEqualByComparingTo("115");
      // Reports, history, the CSV export and the organization list read the paused standby.
      SummaryReport stale = onReplica.reports().summary(MARCH);
      assertThat(stale).isEqualTo(before);
      SummaryReport fresh = onPrimary.reports().summary(MARCH);
      assertThat(fresh.credits().sold()).isEqualByComparingTo("150");
      assertThat(fresh.credits().consumed()).isEqualByComparingTo("35");
      assertThat(onReplica.ledger().history(HistoryQuery.firstPage(ACME, 50)).entries()).hasSize(4);
      assertThat(onPrimary.ledger().history(HistoryQuery.firstPage(ACME, 50)).entries()).hasSize(6);
      assertThat(csvRows(onReplica)).isEqualTo(4);
      assertThat(csvRows(onPrimary)).isEqualTo(6);
      assertThat(listedBalance(onReplica)).isEqualByComparingTo("70");
      assertThat(listedBalance(onPrimary)).isEqualByComparingTo("115");

      // The rollup job writes on the primary, even through the SDK that reads from the replica.
      clock.set(Instant.parse("2026-03-12T02:00:00Z"));
      RollupReport rolled = onReplica.reports().rollUp(WS);
      assertThat(rolled.daysRolledUp()).isEqualTo(2);
      assertThat(rollupMarks(primaryDs)).isEqualTo(1);
      assertThat(rollupMarks(standbyDs)).isZero();
      assertThat(onReplica.reports().summary(MARCH)).isEqualTo(before);

      // Replay resumes: the replica catches up, rollup included, and its reports equal the
      // primary's.
      standby.execute("SELECT pg_wal_replay_resume()");
      awaitReplay(primary, standby);
      assertThat(rollupMarks(standbyDs)).isEqualTo(1);
      SummaryReport caughtUp = onReplica.reports().summary(MARCH);
      assertThat(caughtUp).isEqualTo(onPrimary.reports().summary(MARCH));
      assertThat(caughtUp.credits().sold()).isEqualByComparingTo("150");
      assertThat(onReplica.ledger().history(HistoryQuery.firstPage(ACME, 50)).entries()).hasSize(6);
      assertThat(csvRows(onReplica)).isEqualTo(6);
      assertThat(onReplica.ledger().verify(ACME).valid()).isTrue();
      assertThat(onReplica.ledger().reconcile(ACME).clean()).isTrue();
    }
  }

  /** A write that reached the replica's transactions by mistake fails before touching it. */
  @Test
  void aWriteRoutedToTheReplicaIsRefused() {
    int[] calls = {0, 0};
    ReplicaReads reads = new ReplicaReads(counting(calls, 0), counting(calls, 1));
    assertThatThrownBy(() -> reads.inTransaction(em -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CREDITS-0007");
    assertThat(calls).containsExactly(0, 0);
    reads.read(em -> null);
    assertThat(calls).containsExactly(0, 1);
  }

  /** The replica cannot be the primary's own data source or factory, nor given twice. */
  @Test
  void aReplicaThatIsThePrimaryIsRefused() {
    try (HikariDataSource ds = new HikariDataSource()) {
      assertThatThrownBy(() -> Credits4j.builder().dataSource(ds).readReplica(ds).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("CREDITS-0008")
          .hasMessageContaining("the primary's own");
      jakarta.persistence.EntityManagerFactory emf =
          TestDatabase.H2.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);
      assertThatThrownBy(
              () -> Credits4j.builder().entityManagerFactory(emf).readReplica(emf).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the primary's own");
      assertThatThrownBy(
              () ->
                  Credits4j.builder()
                      .entityManagerFactory(emf)
                      .readReplica(ds)
                      .readReplica(emf)
                      .build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not both");
    }
  }

  private static Transactions counting(int[] calls, int index) {
    return new Transactions() {
      @Override
      public <T> T inTransaction(Function<EntityManager, T> work) {
        calls[index]++;
        return null;
      }

      @Override
      public <T> T read(Function<EntityManager, T> work) {
        calls[index]++;
        return null;
      }
    };
  }

  private static void grant(Credits4j sdk, int credits, String key) {
    sdk.ledger()
        .grant(
            GrantRequest.builder(ACME, new BigDecimal(credits), SYSTEM)
                .idempotencyKey(key)
                .build());
  }

  private static void consume(Credits4j sdk, int credits, String key) {
    sdk.ledger().consume(ConsumeRequest.of(ACME, new BigDecimal(credits), CLIENT, key));
  }

  /** Data rows of the wallet's CSV history export. */
  private static long csvRows(Credits4j sdk) {
    StringWriter out = new StringWriter();
    long rows = new CsvExports(sdk.ledger()).history(HistoryQuery.firstPage(ACME, 1), out);
    assertThat(out.toString().split("\r\n")).hasSize((int) rows + 1);
    return rows;
  }

  private static BigDecimal listedBalance(Credits4j sdk) {
    return sdk.organizations().search(OrganizationQuery.all(WS, 10)).items().get(0).balance();
  }

  private static long rollupMarks(HikariDataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM credits_report_rollup WHERE workspace_key = '" + WS + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Waits until the standby has replayed everything the primary has written (bounded: 60 s). */
  private static void awaitReplay(PrivatePostgres primary, PrivatePostgres standby)
      throws Exception {
    String lsn;
    try (Connection c = DriverManager.getConnection(primary.url("postgres"), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      rs.next();
      lsn = rs.getString(1);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Connection c = DriverManager.getConnection(standby.url("postgres"), "postgres", "");
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")) {
        rs.next();
        if (rs.getBoolean(1)) {
          return;
        }
      }
      assertThat(System.nanoTime()).as("the standby replays within 60 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static HikariDataSource pool(PrivatePostgres server, String name, boolean readOnly) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.url("credits"));
    config.setUsername("postgres");
    config.setPassword("");
    config.setMaximumPoolSize(4);
    config.setReadOnly(readOnly);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }
}
