package dev.credits4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.PrivatePostgres;
import dev.credits4j.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A failover drill on PostgreSQL with synchronous streaming replication: a private primary ({@code
 * synchronous_standby_names='*'}, {@code synchronous_commit=on}) and a standby made by {@code
 * pg_basebackup -R}, both started by the test on loopback ({@link PrivatePostgres}). Under a load
 * of consumes, additions and transfers ({@link ClusterLoad}) the primary is crashed ({@code pg_ctl
 * stop -m immediate}), the standby promoted, and the clients pointed at it: requests whose answer
 * was lost with the primary are sent again with their idempotency keys. Afterwards, on the promoted
 * server: every operation acknowledged before or after the crash exactly once, nothing else, every
 * balance as tallied, every invariant. Measured: how long the promotion took and how far the
 * standby lagged before the crash.
 *
 * <p>Sized by {@code credits.galera.ops} like the Galera drill (operations before and after the
 * crash). Skipped where PostgreSQL 15's binaries are not installed.
 */
class PostgresFailoverTest {
  private static final int OPS = Integer.getInteger("credits.galera.ops", 200);
  private static final int WALLETS = 6;

  @Test
  void synchronousStandbyPromotedHoldsEveryAcknowledgedOperation() throws Exception {
    PrivatePostgres.unavailable().ifPresent(reason -> Assumptions.abort("skipped: " + reason));
    try (PrivatePostgres primary = PrivatePostgres.create("synchronous_commit=on")) {
      primary.start();
      primary.execute("CREATE DATABASE credits");
      try (PrivatePostgres standby = primary.standby()) {
        standby.start();
        // Synchronous from now on: a commit returns once the standby has it. Set after the base
        // backup, so the promoted standby does not wait for a standby of its own.
        primary.execute("ALTER SYSTEM SET synchronous_standby_names = '*'");
        primary.execute("SELECT pg_reload_conf()");
        awaitSynchronousStandby(primary);
        run(primary, standby);
      }
    }
  }

  private void run(PrivatePostgres primary, PrivatePostgres standby) throws Exception {
    Node first = Node.open(primary.url("credits"), true);
    AtomicReference<Node> current = new AtomicReference<>(first);
    try {
      List<WalletRef> wallets = ClusterLoad.seededWallets(current.get().sdk(), WALLETS);
      Supplier<CreditLedger> target = () -> current.get().sdk().ledger();
      ClusterLoad load = new ClusterLoad(List.of(target), wallets, false);
      load.start();
      long lagBytes;
      long promotionMillis;
      try {
        load.await("on the primary", () -> load.acknowledged.sum() >= OPS);
        lagBytes = replayLagBytes(primary);
        long crashed = System.nanoTime();
        primary.stop("immediate");
        standby.promote();
        current.set(Node.open(standby.url("credits"), false));
        promotionMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - crashed);
        long atCrash = load.acknowledged.sum();
        load.await("on the promoted standby", () -> load.acknowledged.sum() >= atCrash + OPS);
      } finally {
        load.stop();
      }
      load.verify(current.get().sdk().ledger());
      String figures =
          String.format(
              Locale.ROOT,
              "PostgresFailoverTest: %d operations acknowledged, %d sent again after the crash,"
                  + " standby %d bytes behind in replay before the crash, crash to promoted and"
                  + " connected in %d ms",
              load.acknowledged.sum(),
              load.failedOver.sum(),
              lagBytes,
              promotionMillis);
      System.out.println(figures);
      java.nio.file.Path out =
          java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "failover"))
              .resolve("measurements.txt");
      java.nio.file.Files.writeString(out, figures + "\n");
    } finally {
      if (current.get() != first) {
        current.get().close();
      }
      first.close();
    }
  }

  /** Waits until the primary reports a standby in synchronous state (bounded: 60 s). */
  private static void awaitSynchronousStandby(PrivatePostgres primary) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Connection c = DriverManager.getConnection(primary.url("postgres"), "postgres", "");
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'")) {
        rs.next();
        if (rs.getInt(1) == 1) {
          return;
        }
      }
      assertThat(System.nanoTime()).as("a synchronous standby within 60 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** How far the standby's replay was behind the primary's WAL, in bytes. */
  private static long replayLagBytes(PrivatePostgres primary) throws SQLException {
    try (Connection c = DriverManager.getConnection(primary.url("postgres"), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)"
                    + " FROM pg_stat_replication")) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  /** One SDK instance over its own pool. */
  private record Node(HikariDataSource ds, Credits4j sdk) implements AutoCloseable {
    static Node open(String url, boolean migrate) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setUsername("postgres");
      config.setPassword("");
      config.setMaximumPoolSize(ClusterLoad.THREADS + 2);
      config.setConnectionTimeout(3_000);
      config.setInitializationFailTimeout(-1);
      HikariDataSource ds = new HikariDataSource(config);
      return new Node(
          ds,
          Credits4j.builder()
              .dataSource(ds)
              .migrate(migrate)
              .ledgerKeys(TestDatabase.LEDGER_KEYS)
              .build());
    }

    @Override
    public void close() {
      sdk.close();
      ds.close();
    }
  }
}
