package dev.credits4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.GaleraWrites;
import dev.credits4j.internal.SqlErrors;
import dev.credits4j.metrics.CreditsObservability;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.testing.GaleraCluster;
import dev.credits4j.testing.LedgerAssertions;
import dev.credits4j.testing.TestDatabase;
import dev.credits4j.testing.TestDatabase.Isolation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ledger on a three-node MariaDB Galera cluster ({@link GaleraCluster}, shared with the ledger
 * tests of the {@code galera} Surefire execution), one SDK instance per node, each over its own
 * pool: a certification conflict surfaces as MariaDB's deadlock error and the SDK retries it; a
 * multi-writer load with a node killed and restarted loses and doubles nothing; and the settings
 * that matter (single- or multi-writer, isolation, {@code wsrep_sync_wait}) are measured, the
 * figures printed and written to {@code target/galera/measurements.md}.
 *
 * <p>Sized by {@code credits.galera.ops} (operations per load phase; 200 in the default build,
 * {@code -Pstress} runs 5,000). Skipped, saying why, where Galera is not installed.
 */
@Tag("galera")
class GaleraClusterTest {
  private static final int OPS = Integer.getInteger("credits.galera.ops", 300);
  private static final int WALLETS = 6;
  private static final Actor SYSTEM = Actor.system("galera-test");

  private static GaleraCluster cluster;
  private final List<Node> open = new ArrayList<>();

  @BeforeAll
  static void cluster() {
    GaleraCluster.unavailable().ifPresent(reason -> Assumptions.abort("skipped: " + reason));
    cluster = TestDatabase.galera();
    TestDatabase.GALERA.dataSource(); // creates and migrates this JVM's database through node 1
  }

  @AfterEach
  void closeNodes() {
    open.forEach(Node::close);
    open.clear();
  }

  /**
   * Galera's certification conflict, as the driver reports it: two transactions on two nodes change
   * the same row; the first to commit wins and the other fails with error 1213, SQLState 40001
   * ("Deadlock found" from wsrep), which the SDK's retry classification takes as retryable.
   */
  @Test
  void certificationConflictSurfacesAsARetryableDeadlock() throws SQLException {
    try (Node one = node(1, Isolation.READ_COMMITTED, 0);
        Node two = node(2, Isolation.READ_COMMITTED, 1)) {
      assertThat(GaleraWrites.isGalera(one.ds)).as("the SDK recognizes a Galera node").isTrue();
      try (Connection c = one.ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS galera_probe (id INT PRIMARY KEY, v BIGINT)");
        s.execute("REPLACE INTO galera_probe VALUES (1, 0)");
        commitIfNeeded(c);
      }
      try (Connection a = one.ds.getConnection();
          Connection b = two.ds.getConnection()) {
        a.setAutoCommit(false);
        b.setAutoCommit(false);
        // Node 2 reads with wsrep_sync_wait, so it sees the row before locking it (locally).
        assertThat(value(b, 1)).isZero();
        update(a, 1, 1);
        update(b, 1, 10);
        a.commit();
        SQLException lost =
            catchThrowableOfType(
                SQLException.class,
                () -> {
                  value(b, 1);
                  b.commit();
                });
        assertThat((Throwable) lost).as("node 2's transaction lost certification").isNotNull();
        assertThat(lost.getErrorCode()).as(lost.getMessage()).isEqualTo(1213);
        assertThat(lost.getSQLState()).isEqualTo("40001");
        assertThat(SqlErrors.isRetryable(lost)).isTrue();
        b.rollback();
        assertThat(value(b, 1)).as("the winner's write only").isEqualTo(1);
        b.commit();
        measurements.add(
            "- certification conflict seen by the losing node: error "
                + lost.getErrorCode()
                + ", SQLState "
                + lost.getSQLState()
                + ", \""
                + lost.getMessage().replaceAll("\\s+", " ")
                + "\"");
      }
    }
  }

  /**
   * The SDK retries a certification conflict like a deadlock: a consume on node 2 holds its
   * (node-local) wallet lock while an addition to the same wallet commits on node 1; node 2's
   * transaction is aborted by the replicated write, run again, and succeeds, with one effect each.
   */
  @Test
  void sdkRetriesACertificationConflict() throws Exception {
    Node one = node(1, Isolation.READ_COMMITTED, 1);
    WalletRef w = ClusterLoad.seededWallets(one.sdk, 1).get(0);
    AtomicBoolean injected = new AtomicBoolean();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      DrawDownPolicy conflicting =
          lots -> {
            if (injected.compareAndSet(false, true)) {
              join(
                  other.submit(
                      () ->
                          one.ledger()
                              .grant(
                                  GrantRequest.builder(w, BigDecimal.ONE, SYSTEM)
                                      .idempotencyKey("conflict-grant")
                                      .build())));
            }
            return DrawDownPolicy.STANDARD.order(lots);
          };
      long abortsBefore = conflicts(2);
      Node two = node(2, Isolation.READ_COMMITTED, 1, conflicting);
      LedgerEntryView used =
          two.ledger()
              .consume(
                  ConsumeRequest.of(
                      w,
                      BigDecimal.TEN,
                      Actor.client("u-galera", "Galera Client"),
                      "consume-under-conflict"));

      assertThat(injected).as("the conflicting write ran inside the consume").isTrue();
      assertThat(used.amount()).isEqualByComparingTo("-10");
      assertThat(two.retries()).as("the consume was retried after the conflict").isPositive();
      assertThat(conflicts(2) - abortsBefore)
          .as("node 2 counted a brute-force abort or certification failure")
          .isPositive();
      assertThat(one.ledger().balance(w).balance())
          .isEqualByComparingTo(ClusterLoad.SEED.add(BigDecimal.ONE).subtract(BigDecimal.TEN));
      assertThat(ClusterLoad.keysOf(one.ledger(), w))
          .containsExactlyInAnyOrder(
              "seed-" + w.organization(), "conflict-grant", "consume-under-conflict");
      LedgerAssertions.assertHealthy(one.ledger(), List.of(w));
    } finally {
      other.shutdownNow();
    }
  }

  /**
   * Writes sent to all three nodes at once, on hot wallets, while node 3 is killed (SIGKILL) and
   * later started again: the two survivors carry on, a request whose outcome was lost with the node
   * is sent again with the same idempotency key to the next node, node 3 rejoins by state transfer;
   * then every acknowledged operation is in the ledger exactly once, nothing else is, every balance
   * matches the client's tally, reconcile and verify are clean, and all three nodes hold the same
   * ledger.
   */
  @Test
  void multiWriterLoadWithANodeKilledLosesNothingAndDoublesNothing() throws Exception {
    List<Node> nodes = new ArrayList<>();
    for (int i = 1; i <= cluster.size(); i++) {
      nodes.add(node(i, Isolation.READ_COMMITTED, 0));
    }
    List<WalletRef> wallets = ClusterLoad.seededWallets(nodes.get(0).sdk(), WALLETS);
    ClusterLoad load = new ClusterLoad(ledgers(nodes), wallets, true);
    load.start();
    try {
      load.await("before the kill", () -> load.acknowledged.sum() >= OPS);
      cluster.kill(3);
      long atKill = load.acknowledged.sum();
      load.await("with node 3 dead", () -> load.acknowledged.sum() >= atKill + OPS);
      long whileDown = load.acknowledged.sum() - atKill;
      cluster.restart(3);
      long viaThree = load.byNode.get(2);
      load.await(
          "after node 3 rejoined",
          () ->
              load.acknowledged.sum() >= atKill + whileDown + OPS && load.byNode.get(2) > viaThree);
      load.stop();
      assertThat(whileDown).as("operations acknowledged while node 3 was down").isPositive();
      measurements.add(
          String.format(
              Locale.ROOT,
              "- kill drill: %d operations acknowledged (%d while node 3 was down), %d sent again"
                  + " to another node after a lost answer, %d SDK retries, %d refused",
              load.acknowledged.sum(),
              whileDown,
              load.failedOver.sum(),
              nodes.stream().mapToLong(Node::retries).sum(),
              load.refused.sum()));
    } finally {
      load.stop();
    }
    verify(load);
    assertSameLedgerOnEveryNode(wallets.get(0).workspace());
  }

  /**
   * Measures the settings that matter on Galera and checks the ledger after each run: writes to one
   * node or to all three, READ COMMITTED or REPEATABLE READ, {@code wsrep_sync_wait} 0 or 1; and
   * how often a read on another node misses a write just committed, with and without {@code
   * wsrep_sync_wait}. No figure is asserted except the guarantee: with {@code wsrep_sync_wait=1} no
   * read is stale.
   */
  @Test
  void settingsMeasured() throws Exception {
    measurements.add(
        "| writers | isolation | wsrep_sync_wait | ops | ops/s | p50 ms | p99 ms | SDK retries"
            + " | cert. failures + BF aborts |");
    measurements.add("|---|---|---|---|---|---|---|---|---|");
    record Setting(boolean spread, Isolation isolation, int syncWait) {}
    for (Setting s :
        List.of(
            new Setting(false, Isolation.READ_COMMITTED, 0),
            new Setting(true, Isolation.READ_COMMITTED, 0),
            new Setting(false, Isolation.REPEATABLE_READ, 0),
            new Setting(true, Isolation.REPEATABLE_READ, 0),
            new Setting(true, Isolation.READ_COMMITTED, 1))) {
      List<Node> nodes = new ArrayList<>();
      for (int i = 1; i <= cluster.size(); i++) {
        nodes.add(node(i, s.isolation(), s.syncWait()));
      }
      List<WalletRef> wallets = ClusterLoad.seededWallets(nodes.get(0).sdk(), WALLETS);
      long conflictsBefore = conflicts(1) + conflicts(2) + conflicts(3);
      ClusterLoad load = new ClusterLoad(ledgers(nodes), wallets, s.spread());
      long started = System.nanoTime();
      load.start();
      try {
        load.await("measured run", () -> load.acknowledged.sum() >= OPS);
      } finally {
        load.stop();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      verify(load);
      measurements.add(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %d | %.0f | %.1f | %.1f | %d | %d |",
              s.spread() ? "3 nodes" : "node 1 only",
              s.isolation(),
              s.syncWait(),
              load.acknowledged.sum(),
              load.acknowledged.sum() / seconds,
              load.percentile(0.50),
              load.percentile(0.99),
              nodes.stream().mapToLong(Node::retries).sum(),
              conflicts(1) + conflicts(2) + conflicts(3) - conflictsBefore));
      closeNodes();
    }

    int probes = Math.max(200, OPS);
    int staleWithout = staleReads(probes, 0);
    int staleWith = staleReads(probes, 1);
    measurements.add(
        String.format(
            Locale.ROOT,
            "- a write committed on node 1, read at once on node 2: stale %d of %d times with"
                + " wsrep_sync_wait=0, %d of %d with wsrep_sync_wait=1",
            staleWithout,
            probes,
            staleWith,
            probes));
    assertThat(staleWith).as("stale reads with wsrep_sync_wait=1").isZero();
  }

  // ---- helpers

  private static List<java.util.function.Supplier<CreditLedger>> ledgers(List<Node> nodes) {
    return nodes.stream().map(n -> (java.util.function.Supplier<CreditLedger>) n::ledger).toList();
  }

  /** Checks the load's tally through node 1, reading with wsrep_sync_wait. */
  private void verify(ClusterLoad load) {
    try (Node check = node(1, Isolation.READ_COMMITTED, 1)) {
      load.verify(check.ledger());
    }
  }

  /** Every node, read with wsrep_sync_wait, holds the same entries, lots and wallets. */
  private void assertSameLedgerOnEveryNode(String workspace) throws SQLException {
    String fingerprint =
        "select count(*), sum(e.amount), sum(e.seq), max(e.hash), sum(e.balance_after)"
            + " from credits_entry e join credits_wallet w on w.id = e.wallet_id"
            + " where w.workspace_key = ?";
    List<String> seen = new ArrayList<>();
    for (int i = 1; i <= cluster.size(); i++) {
      try (Node n = node(i, Isolation.READ_COMMITTED, 1);
          Connection c = n.ds.getConnection();
          PreparedStatement s = c.prepareStatement(fingerprint)) {
        s.setString(1, workspace);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          seen.add(
              rs.getString(1)
                  + "/"
                  + rs.getString(2)
                  + "/"
                  + rs.getString(3)
                  + "/"
                  + rs.getString(4)
                  + "/"
                  + rs.getString(5));
        }
        commitIfNeeded(c);
      }
    }
    assertThat(seen).as("entries as each node holds them").containsOnly(seen.get(0));
  }

  /** How often a row committed on node 1 is not yet visible to an immediate read on node 2. */
  private int staleReads(int probes, int syncWait) throws SQLException {
    int stale = 0;
    try (Node one = node(1, Isolation.READ_COMMITTED, 0);
        Node two = node(2, Isolation.READ_COMMITTED, syncWait);
        Connection w = one.ds.getConnection();
        Connection r = two.ds.getConnection()) {
      w.setAutoCommit(true);
      r.setAutoCommit(true);
      try (Statement s = w.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS galera_probe (id INT PRIMARY KEY, v BIGINT)");
        s.execute("REPLACE INTO galera_probe VALUES (2, 0)");
      }
      for (int i = 1; i <= probes; i++) {
        try (PreparedStatement u =
            w.prepareStatement("UPDATE galera_probe SET v = ? WHERE id = 2")) {
          u.setLong(1, i);
          u.executeUpdate();
        }
        if (valueOrMissing(r, 2) != i) {
          stale++;
        }
      }
    }
    return stale;
  }

  private static long value(Connection c, int id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT v FROM galera_probe WHERE id = ?")) {
      s.setInt(1, id);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getLong(1);
      }
    }
  }

  /** The probe row's value, or -1 while the row has not reached this node. */
  private static long valueOrMissing(Connection c, int id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT v FROM galera_probe WHERE id = ?")) {
      s.setInt(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  private static void update(Connection c, int id, long v) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE galera_probe SET v = ? WHERE id = ?")) {
      s.setLong(1, v);
      s.setInt(2, id);
      assertThat(s.executeUpdate()).isOne();
    }
  }

  private static void commitIfNeeded(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  /** Certification failures and brute-force aborts so far on a running node (0 when down). */
  private static long conflicts(int node) {
    if (!cluster.alive(node)) {
      return 0;
    }
    return Long.parseLong(cluster.status(node, "wsrep_local_cert_failures"))
        + Long.parseLong(cluster.status(node, "wsrep_local_bf_aborts"));
  }

  private Node node(int number, Isolation isolation, int syncWait) {
    return node(number, isolation, syncWait, DrawDownPolicy.STANDARD);
  }

  /** An SDK instance over its own pool to one node, closed after the test. */
  private Node node(int number, Isolation isolation, int syncWait, DrawDownPolicy policy) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(cluster.url(number, TestDatabase.databaseName()));
    config.setUsername("root");
    config.setPassword("");
    config.setMaximumPoolSize(ClusterLoad.THREADS + 2);
    config.setConnectionTimeout(3_000);
    config.setValidationTimeout(1_000);
    config.setInitializationFailTimeout(-1);
    config.setTransactionIsolation("TRANSACTION_" + isolation.name());
    config.setConnectionInitSql("SET SESSION wsrep_sync_wait = " + syncWait);
    config.setPoolName("galera-n" + number + "-" + isolation + "-w" + syncWait);
    HikariDataSource ds = new HikariDataSource(config);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Credits4j.Builder builder = Credits4j.builder();
    // -Dcredits.test.galera.batchWriting=JDBC: the batch writing the SDK turns off on Galera, on
    // purpose, to see the damage it does there.
    String batchWriting = System.getProperty("credits.test.galera.batchWriting");
    if (batchWriting != null) {
      builder.property(GaleraWrites.ECLIPSELINK_BATCH_WRITING, batchWriting);
    }
    Credits4j sdk =
        builder
            .dataSource(ds)
            .ledgerKeys(TestDatabase.LEDGER_KEYS)
            .drawDownPolicy(policy)
            .meterRegistry(meters)
            .build();
    Node node = new Node(number, ds, sdk, meters);
    open.add(node);
    return node;
  }

  private record Node(int number, HikariDataSource ds, Credits4j sdk, SimpleMeterRegistry meters)
      implements AutoCloseable {
    CreditLedger ledger() {
      return sdk.ledger();
    }

    long retries() {
      var counter = meters.find(CreditsObservability.RETRIES).counter();
      return counter == null ? 0 : (long) counter.count();
    }

    @Override
    public void close() {
      sdk.close();
      ds.close();
    }
  }

  private static final List<String> measurements = Collections.synchronizedList(new ArrayList<>());

  @AfterAll
  static void writeMeasurements() throws IOException {
    if (measurements.isEmpty()) {
      return;
    }
    String text =
        "# Galera measurements ("
            + OPS
            + " operations per run, "
            + ClusterLoad.THREADS
            + " client threads, 3 nodes on one machine)\n\n"
            + String.join("\n", measurements)
            + "\n";
    System.out.println(text);
    Path out = Files.createDirectories(Path.of("target", "galera")).resolve("measurements.md");
    Files.writeString(out, text);
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
