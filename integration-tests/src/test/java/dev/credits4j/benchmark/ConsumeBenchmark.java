package dev.credits4j.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.ledger.DebitCoalescing;
import dev.credits4j.testing.LedgerAssertions;
import dev.credits4j.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.money.Monetary;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The consume benchmark of docs/performance.md on PostgreSQL: SDK consume throughput with 16
 * threads (a) over 1,000 wallets and (b) on one hot wallet, each beside a raw-SQL baseline doing
 * the same writes as plain JDBC (conditional wallet update, lot update, entry insert, allocation
 * insert) in the same run, the SDK without coalescing and with its default; (c) the hot wallet with
 * coalesced consumes at several windows and batch sizes ({@code -Dbench.coalescing}). Prints ops/s,
 * p50 and p99 latency and the SDK/baseline ratio; asserts only correctness (no errors, no
 * deadlocks, invariants clean), never timings.
 *
 * <p>Run: {@code mvn -B verify -Pbenchmark -pl integration-tests -am} (see docs/performance.md).
 */
class ConsumeBenchmark {
  private static final int THREADS = Integer.getInteger("bench.threads", 16);
  private static final int WALLETS = Integer.getInteger("bench.wallets", 1000);
  private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 5));
  private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
  private static final Actor ACTOR = Actor.system("bench");

  private static TestDatabase db;
  private static DataSource ds;
  private static EntityManagerFactory emf;
  private static Credits4j credits;
  private static CreditLedger ledger;
  private static String ws;

  /** The same SDK without coalescing: one transaction per consume. */
  private static Credits4j alone;

  private static CreditLedger aloneLedger;

  /**
   * The coalescing configurations measured on the hot wallet, as {@code window-ms:max-batch} pairs
   * ({@code -Dbench.coalescing}).
   */
  private static final List<DebitCoalescing> COALESCING =
      parse(System.getProperty("bench.coalescing", "0:8,0:16,0:64,1:64,5:64,5:256"));

  private static final List<Credits4j> OTHERS = new ArrayList<>();

  /** The SDK's wallets; the baseline writes to its own, so the SDK's hash chains stay intact. */
  private static List<WalletRef> wallets;

  private static List<WalletRef> rawWallets;
  private static WalletRef hot;
  private static WalletRef rawHot;
  private static final Map<String, String> RESULTS = new ConcurrentHashMap<>();
  private static final AtomicLong RUNS = new AtomicLong();

  @BeforeAll
  static void setUp() {
    db = TestDatabase.POSTGRESQL;
    ds = db.dataSource();
    Map<String, Object> props = new HashMap<>();
    props.put("jakarta.persistence.nonJtaDataSource", ds);
    // The SDK's tested provider; the benchmark profile adds it beside Hibernate.
    props.put("jakarta.persistence.provider", "org.eclipse.persistence.jpa.PersistenceProvider");
    emf = Persistence.createEntityManagerFactory(Credits4j.PERSISTENCE_UNIT, props);
    credits = Credits4j.builder().entityManagerFactory(emf).clock(Clock.systemUTC()).build();
    ledger = credits.ledger();
    alone =
        Credits4j.builder()
            .entityManagerFactory(emf)
            .clock(Clock.systemUTC())
            .debitCoalescing(DebitCoalescing.OFF)
            .build();
    aloneLedger = alone.ledger();
    ws = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    credits.workspaces().create(WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).build());
    wallets = funded("org-", WALLETS);
    rawWallets = funded("raw-", WALLETS);
    hot = funded("hot", 1).get(0);
    rawHot = funded("raw-hot", 1).get(0);
    warmUp();
  }

  /**
   * Lets the JIT compile both paths before any measured run, so that the first configuration
   * measured is not penalised (the order of runs would otherwise bias the ratios).
   */
  private static void warmUp() {
    try {
      RawSql raw = new RawSql();
      for (int round = 0; round < 2; round++) {
        boolean keyed = round == 1;
        CreditLedger sdk = round == 0 ? aloneLedger : ledger;
        run(
            () ->
                sdk.consume(
                    ConsumeRequest.of(
                        wallets.get(ThreadLocalRandom.current().nextInt(WALLETS)),
                        BigDecimal.ONE,
                        ACTOR,
                        keyed ? UUID.randomUUID().toString() : null)),
            WARMUP,
            Duration.ZERO);
        run(
            () -> raw.consume(rawWallets.get(ThreadLocalRandom.current().nextInt(WALLETS))),
            WARMUP,
            Duration.ZERO);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<WalletRef> funded(String prefix, int count) {
    List<WalletRef> refs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      WalletRef w = WalletRef.of(ws, count == 1 ? prefix : prefix + i);
      credits.workspaces().registerOrganization(w, null);
      ledger.grant(GrantRequest.builder(w, new BigDecimal(1_000_000_000), ACTOR).build());
      refs.add(w);
    }
    return refs;
  }

  @AfterAll
  static void tearDown() {
    System.out.println();
    System.out.println(
        "=== credits4j consume benchmark (PostgreSQL, "
            + THREADS
            + " threads, "
            + MEASURE.toSeconds()
            + " s per run, "
            + Runtime.getRuntime().availableProcessors()
            + " cores) ===");
    RESULTS.keySet().stream().sorted().forEach(k -> System.out.println(RESULTS.get(k)));
    OTHERS.forEach(Credits4j::close);
    if (alone != null) {
      alone.close();
    }
    if (credits != null) {
      credits.close();
    }
  }

  @Test
  void spreadOverWallets() throws Exception {
    compare("a", WALLETS + " wallets", (sdk, i) -> (sdk ? wallets : rawWallets).get(i));
  }

  @Test
  void oneHotWallet() throws Exception {
    compare("b", "1 hot wallet", (sdk, i) -> sdk ? hot : rawHot);
  }

  private interface Target {
    WalletRef pick(boolean sdk, int random);
  }

  /**
   * (c) The hot wallet again with coalescing at each configured window and batch size, keyed, each
   * run beside the baseline and the SDK without coalescing measured in the same test.
   */
  @Test
  void oneHotWalletCoalesced() throws Exception {
    long deadlocksBefore = deadlocks();
    RawSql raw = new RawSql();
    Run baseline = run(() -> raw.consume(rawHot));
    Run sdkAlone =
        run(() -> aloneLedger.consume(ConsumeRequest.of(hot, BigDecimal.ONE, ACTOR, null)));
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "(c) 1 hot wallet  baseline %s | SDK without coalescing %s (ratio %.2f)",
            baseline,
            sdkAlone,
            sdkAlone.opsPerSecond() / baseline.opsPerSecond()));
    long errors = baseline.errors.get() + sdkAlone.errors.get();
    List<WalletRef> checked = new ArrayList<>(List.of(hot));
    int n = 0;
    for (DebitCoalescing c : COALESCING) {
      Credits4j coalescing =
          Credits4j.builder()
              .entityManagerFactory(emf)
              .clock(Clock.systemUTC())
              .debitCoalescing(c)
              .build();
      OTHERS.add(coalescing);
      CreditLedger l = coalescing.ledger();
      WalletRef w = funded("hot-c" + n++, 1).get(0);
      checked.add(w);
      long[] atStart = batchStats(l);
      Run keyless = run(() -> l.consume(ConsumeRequest.of(w, BigDecimal.ONE, ACTOR, null)));
      long[] afterKeyless = batchStats(l);
      Run keyed =
          run(
              () ->
                  l.consume(
                      ConsumeRequest.of(w, BigDecimal.ONE, ACTOR, UUID.randomUUID().toString())));
      long[] afterKeyed = batchStats(l);
      errors += keyless.errors.get() + keyed.errors.get();
      lines.add(
          String.format(
              Locale.ROOT,
              "(c) window %4d us, batch <= %4d: SDK %s (ratio %.2f) | with keys %s (ratio %.2f)",
              c.window().toNanos() / 1000,
              c.maxBatch(),
              keyless,
              keyless.opsPerSecond() / baseline.opsPerSecond(),
              keyed,
              keyed.opsPerSecond() / baseline.opsPerSecond()));
      lines.add(
          String.format(
              Locale.ROOT,
              "    batches: %s | with keys: %s",
              batches(keyless, atStart, afterKeyless),
              batches(keyed, afterKeyless, afterKeyed)));
    }
    long deadlocks = deadlocks() - deadlocksBefore;
    lines.add(String.format(Locale.ROOT, "(c) errors %d | deadlocks %d", errors, deadlocks));
    RESULTS.put("c", String.join(System.lineSeparator(), lines));
    lines.forEach(System.out::println);
    assertThat(errors).as("errors").isZero();
    assertThat(deadlocks).as("deadlocks").isZero();
    LedgerAssertions.assertHealthy(ledger, checked);
  }

  /**
   * (d) Optional ({@code -Dbench.ab=true}): the SDK's single-statement debit writes on PostgreSQL
   * against the same SDK writing through JPA, over the 1,000 wallets, without coalescing, in
   * alternating rounds ({@code -Dbench.rounds}, 4 s each after 1 s of warm-up), so that both meet
   * the same load. The JPA side is an SDK on a second entity manager factory that {@code
   * NativeDebitWrites} is told (reflectively) is not PostgreSQL: same pool, database and wallets.
   */
  @Test
  @EnabledIfSystemProperty(named = "bench.ab", matches = "true")
  @SuppressWarnings("unchecked")
  void singleStatementWritesAgainstJpaInAlternatingRounds() throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put("jakarta.persistence.nonJtaDataSource", ds);
    props.put("jakarta.persistence.provider", "org.eclipse.persistence.jpa.PersistenceProvider");
    props.put("eclipselink.session-name", "bench-jpa-writes");
    EntityManagerFactory jpaEmf =
        Persistence.createEntityManagerFactory(Credits4j.PERSISTENCE_UNIT, props);
    java.lang.reflect.Field known =
        Class.forName("dev.credits4j.ledger.NativeDebitWrites").getDeclaredField("POSTGRESQL");
    known.setAccessible(true);
    ((Map<Object, Boolean>) known.get(null)).put(jpaEmf, false);
    jakarta.persistence.EntityManager probe = jpaEmf.createEntityManager();
    // The key NativeDebitWrites looks up: the factory as its entity managers name it.
    ((Map<Object, Boolean>) known.get(null)).put(probe.getEntityManagerFactory(), false);
    probe.close();
    Credits4j viaJpa =
        Credits4j.builder()
            .entityManagerFactory(jpaEmf)
            .clock(Clock.systemUTC())
            .debitCoalescing(DebitCoalescing.OFF)
            .build();
    OTHERS.add(viaJpa);
    int rounds = Integer.getInteger("bench.rounds", 6);
    long[][] ops = new long[2][2]; // [keyed][native, jpa]
    long errors = 0;
    for (int round = 0; round < rounds; round++) {
      for (int keyed = 0; keyed < 2; keyed++) {
        for (int side = 0; side < 2; side++) {
          CreditLedger l = side == 0 ? aloneLedger : viaJpa.ledger();
          boolean withKey = keyed == 1;
          Run r =
              run(
                  () ->
                      l.consume(
                          ConsumeRequest.of(
                              wallets.get(ThreadLocalRandom.current().nextInt(WALLETS)),
                              BigDecimal.ONE,
                              ACTOR,
                              withKey ? UUID.randomUUID().toString() : null)),
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(4));
          ops[keyed][side] += r.ops.get();
          errors += r.errors.get();
        }
      }
    }
    double seconds = rounds * 4.0;
    String line =
        String.format(
            Locale.ROOT,
            "(d) 1000 wallets, %d alternating rounds of 4 s: single statement %.0f ops/s, JPA %.0f"
                + " ops/s (single / JPA %.2f) | with keys: %.0f, %.0f (%.2f) | errors %d",
            rounds,
            ops[0][0] / seconds,
            ops[0][1] / seconds,
            (double) ops[0][0] / ops[0][1],
            ops[1][0] / seconds,
            ops[1][1] / seconds,
            (double) ops[1][0] / ops[1][1],
            errors);
    RESULTS.put("d", line);
    System.out.println(line);
    assertThat(errors).as("errors").isZero();
    LedgerAssertions.assertHealthy(ledger, wallets.subList(0, 20));
  }

  private void compare(String id, String label, Target target) throws Exception {
    long deadlocksBefore = deadlocks();
    Run sdk =
        run(
            () -> {
              WalletRef w = target.pick(true, ThreadLocalRandom.current().nextInt(WALLETS));
              aloneLedger.consume(ConsumeRequest.of(w, BigDecimal.ONE, ACTOR, null));
            });
    Run sdkKeyed =
        run(
            () -> {
              WalletRef w = target.pick(true, ThreadLocalRandom.current().nextInt(WALLETS));
              aloneLedger.consume(
                  ConsumeRequest.of(w, BigDecimal.ONE, ACTOR, UUID.randomUUID().toString()));
            });
    Run sdkDefault =
        run(
            () -> {
              WalletRef w = target.pick(true, ThreadLocalRandom.current().nextInt(WALLETS));
              ledger.consume(ConsumeRequest.of(w, BigDecimal.ONE, ACTOR, null));
            });
    Run sdkDefaultKeyed =
        run(
            () -> {
              WalletRef w = target.pick(true, ThreadLocalRandom.current().nextInt(WALLETS));
              ledger.consume(
                  ConsumeRequest.of(w, BigDecimal.ONE, ACTOR, UUID.randomUUID().toString()));
            });
    RawSql raw = new RawSql();
    Run baseline =
        run(
            () -> {
              WalletRef w = target.pick(false, ThreadLocalRandom.current().nextInt(WALLETS));
              raw.consume(w);
            });
    long deadlocks = deadlocks() - deadlocksBefore;
    long errors =
        sdk.errors.get()
            + sdkKeyed.errors.get()
            + sdkDefault.errors.get()
            + sdkDefaultKeyed.errors.get()
            + baseline.errors.get();
    String line =
        String.format(
            Locale.ROOT,
            "(%s) %-14s baseline %s%n    SDK without coalescing %s (ratio %.2f) | with keys %s"
                + " (ratio %.2f)%n    SDK default (%s) %s (ratio %.2f) | with keys %s (ratio"
                + " %.2f)%n    errors %d | deadlocks %d",
            id,
            label,
            baseline,
            sdk,
            sdk.opsPerSecond() / baseline.opsPerSecond(),
            sdkKeyed,
            sdkKeyed.opsPerSecond() / baseline.opsPerSecond(),
            describe(DebitCoalescing.DEFAULTS),
            sdkDefault,
            sdkDefault.opsPerSecond() / baseline.opsPerSecond(),
            sdkDefaultKeyed,
            sdkDefaultKeyed.opsPerSecond() / baseline.opsPerSecond(),
            errors,
            deadlocks);
    RESULTS.put(id, line);
    System.out.println(line);
    assertThat(errors).as("errors").isZero();
    assertThat(deadlocks).as("deadlocks").isZero();
    LedgerAssertions.assertHealthy(ledger, id.equals("b") ? List.of(hot) : wallets.subList(0, 20));
  }

  /**
   * Batches run and batches rolled back (then run one by one) so far by a coalescing ledger: the
   * package-private counters of the SDK's coalescer, read reflectively (diagnostics only).
   */
  private static long[] batchStats(CreditLedger l) {
    try {
      Class<?> type = Class.forName("dev.credits4j.ledger.DefaultCreditLedger");
      java.lang.reflect.Method coalescer = type.getDeclaredMethod("coalescer");
      java.lang.reflect.Method consumes = type.getDeclaredMethod("consumes");
      coalescer.setAccessible(true);
      consumes.setAccessible(true);
      Object c = coalescer.invoke(l);
      Object b = consumes.invoke(l);
      java.lang.reflect.Method batches = c.getClass().getDeclaredMethod("batches");
      java.lang.reflect.Method fallbacks = b.getClass().getDeclaredMethod("fallbacks");
      batches.setAccessible(true);
      fallbacks.setAccessible(true);
      return new long[] {(Long) batches.invoke(c), (Long) fallbacks.invoke(b)};
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Mean debits per batch and batches rolled back between two readings of {@link #batchStats}. */
  private static String batches(Run r, long[] before, long[] after) {
    long batches = after[0] - before[0];
    return String.format(
        Locale.ROOT,
        "%d batches, %.1f debits each on average, %d rolled back",
        batches,
        batches == 0 ? 0.0 : (double) r.calls.get() / batches,
        after[1] - before[1]);
  }

  private static String describe(DebitCoalescing c) {
    return c.enabled()
        ? "coalescing, window " + c.window().toNanos() / 1000 + " us, batch <= " + c.maxBatch()
        : "no coalescing";
  }

  private static List<DebitCoalescing> parse(String spec) {
    List<DebitCoalescing> list = new ArrayList<>();
    for (String pair : spec.split(",")) {
      String[] p = pair.strip().split(":");
      list.add(DebitCoalescing.of(Duration.ofMillis(Long.parseLong(p[0])), Integer.parseInt(p[1])));
    }
    return list;
  }

  /** Runs {@code op} on THREADS threads: a warm-up, then a measured window. */
  private static Run run(Op op) throws InterruptedException {
    return run(op, WARMUP, MEASURE);
  }

  private static Run run(Op op, Duration warmup, Duration measure) throws InterruptedException {
    Run r = new Run();
    long warmupEnd = System.nanoTime() + warmup.toNanos();
    long end = warmupEnd + measure.toNanos();
    CountDownLatch done = new CountDownLatch(THREADS);
    for (int t = 0; t < THREADS; t++) {
      Latencies latencies = new Latencies();
      r.latencies.add(latencies);
      Thread thread =
          new Thread(
              () -> {
                try {
                  while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                      break;
                    }
                    try {
                      op.run();
                      r.calls.incrementAndGet();
                      if (now >= warmupEnd) {
                        r.ops.incrementAndGet();
                        latencies.add(System.nanoTime() - now);
                      }
                    } catch (CreditsException | SQLException e) {
                      if (r.errors.incrementAndGet() == 1) {
                        e.printStackTrace();
                      }
                    }
                  }
                } finally {
                  done.countDown();
                }
              });
      thread.start();
    }
    done.await();
    if (measure.compareTo(Duration.ZERO) > 0) {
      // When each run was measured, to match profiles (JFR, database samples) to runs.
      System.out.printf(
          Locale.ROOT,
          "[bench] run %d measured %s to %s%n",
          RUNS.incrementAndGet(),
          java.time.Instant.ofEpochMilli(System.currentTimeMillis() - measure.toMillis()),
          java.time.Instant.now());
    }
    // the threads' writes to their latencies happen before countDown, read after await
    r.seconds = measure.toNanos() / 1e9;
    return r;
  }

  private interface Op {
    void run() throws SQLException;
  }

  private static final class Run {
    final AtomicLong ops = new AtomicLong();

    /** Calls that succeeded, warm-up included. */
    final AtomicLong calls = new AtomicLong();

    final AtomicLong errors = new AtomicLong();
    final List<Latencies> latencies = new ArrayList<>();
    double seconds;

    double opsPerSecond() {
      return ops.get() / seconds;
    }

    /** The latency (ms) below which {@code p} of the measured calls finished. */
    double percentile(double p) {
      int n = 0;
      for (Latencies l : latencies) {
        n += l.size;
      }
      long[] all = new long[n];
      int at = 0;
      for (Latencies l : latencies) {
        System.arraycopy(l.values, 0, all, at, l.size);
        at += l.size;
      }
      if (n == 0) {
        return Double.NaN;
      }
      Arrays.sort(all);
      return all[Math.min(n - 1, (int) Math.ceil(p * n) - 1)] / 1e6;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%7.0f ops/s (p50 %.1f ms, p99 %.1f ms)",
          opsPerSecond(),
          percentile(0.50),
          percentile(0.99));
    }
  }

  /** One thread's measured latencies (ns). */
  private static final class Latencies {
    long[] values = new long[1 << 14];
    int size;

    void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }
  }

  private static long deadlocks() throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select deadlocks from pg_stat_database where datname = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The baseline: the same four writes as the SDK's consume, as plain JDBC statements in one
   * transaction on the same tables.
   */
  private static final class RawSql {
    private final Map<WalletRef, String[]> ids = new ConcurrentHashMap<>();

    void consume(WalletRef w) throws SQLException {
      String[] wl = ids.computeIfAbsent(w, RawSql::lookup);
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          long seq;
          BigDecimal balance;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update credits_wallet set balance = balance - 1, last_seq = last_seq + 1"
                      + " where id = ? and balance - held >= 1 returning last_seq, balance")) {
            ps.setString(1, wl[0]);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new SQLException("insufficient");
              }
              seq = rs.getLong(1);
              balance = rs.getBigDecimal(2);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement("update credits_lot set remaining = remaining - 1 where id = ?")) {
            ps.setString(1, wl[1]);
            ps.executeUpdate();
          }
          String entryId = UUID.randomUUID().toString();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into credits_entry (id, wallet_id, seq, entry_type, amount,"
                      + " balance_after, occurred_at, actor_type, actor_id, actor_name, hash)"
                      + " values (?, ?, ?, 'USAGE', -1, ?, ?, 'SYSTEM', 'bench', 'bench', ?)")) {
            ps.setString(1, entryId);
            ps.setString(2, wl[0]);
            ps.setLong(3, seq);
            ps.setBigDecimal(4, balance);
            ps.setLong(5, System.currentTimeMillis() * 1000);
            ps.setString(6, "0".repeat(64));
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into credits_allocation (id, entry_id, wallet_id, lot_id, amount)"
                      + " values (?, ?, ?, ?, -1)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, entryId);
            ps.setString(3, wl[0]);
            ps.setString(4, wl[1]);
            ps.executeUpdate();
          }
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
      }
    }

    private static String[] lookup(WalletRef w) {
      try (Connection c = ds.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "select w.id, l.id from credits_wallet w join credits_lot l on l.wallet_id = w.id"
                      + " where w.workspace_key = ? and w.organization_id = ?")) {
        ps.setString(1, w.workspace());
        ps.setString(2, w.organization());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new String[] {rs.getString(1), rs.getString(2)};
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
