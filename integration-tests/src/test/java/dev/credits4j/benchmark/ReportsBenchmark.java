package dev.credits4j.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.Granularity;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LiabilityQuery;
import dev.credits4j.api.LiabilityReport;
import dev.credits4j.api.OrganizationReportQuery;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.ReportQuery;
import dev.credits4j.api.Reports;
import dev.credits4j.api.RollForwardReport;
import dev.credits4j.api.RollupReport;
import dev.credits4j.api.SummaryReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.report.CsvExports;
import dev.credits4j.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.money.Monetary;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reports of docs/reports.md on PostgreSQL over a workspace of 1,000 organizations and
 * 1,000,000 ledger entries (a year of purchases and usage), and a CSV export of a 1,000,000-entry
 * wallet's history. Prints the median latency of each report over {@code bench.runs} runs (after
 * one warm-up run) and the export's time, rows per second and peak heap; asserts only that the
 * figures are right (the roll-forward ties out, the liability matches the data), never timings.
 *
 * <p>The ledger is bulk-loaded with INSERT … SELECT over generate_series, consistent with the
 * ledger's invariants 1 to 7 (balances, sequences, lots, allocations, purchases' revenue), so that
 * setting up takes a minute instead of hours. Its hash chains are placeholders: reports do not read
 * them (the balance reconciliation, which does, is a maintenance report and not measured here).
 *
 * <p>Run: {@code mvn -B verify -Pbenchmark -pl integration-tests -am -Dtest=ReportsBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (see docs/performance.md).
 */
class ReportsBenchmark {
  private static final int WALLETS = Integer.getInteger("bench.report.wallets", 1000);
  private static final int ENTRIES_PER_WALLET = 1000;
  private static final int HOT_ENTRIES = Integer.getInteger("bench.export.entries", 1_000_000);

  /**
   * Seconds between two entries of the hot wallet: 30 for 1,000,000 entries, so that whatever their
   * number they span the same ~347 days of 2025 and its newest lots are still open at the ledger's
   * clock (2026-01-01; a lot expires 180 days after its grant).
   */
  private static final long HOT_STEP_SECONDS = 30L * 1_000_000 / HOT_ENTRIES;

  private static final int RUNS = Integer.getInteger("bench.runs", 3);
  private static final int READS = Integer.getInteger("bench.reads", 1000);

  /** Seconds between two entries of one wallet: 1,000 entries spread over 365 days. */
  private static final long STEP_SECONDS = 365L * 86_400 / ENTRIES_PER_WALLET;

  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final List<String> RESULTS = new ArrayList<>();

  private static DataSource ds;
  private static EntityManagerFactory emf;
  private static Credits4j credits;
  private static Reports reports;
  private static String ws;
  private static String hotWs;

  @BeforeAll
  static void setUp() throws SQLException {
    TestDatabase db = TestDatabase.POSTGRESQL;
    ds = db.dataSource();
    Map<String, Object> props = new HashMap<>();
    props.put("jakarta.persistence.nonJtaDataSource", ds);
    props.put("jakarta.persistence.provider", "org.eclipse.persistence.jpa.PersistenceProvider");
    emf = Persistence.createEntityManagerFactory(Credits4j.PERSISTENCE_UNIT, props);
    credits =
        Credits4j.builder()
            .entityManagerFactory(emf)
            .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
            .build();
    reports = credits.reports();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    ws = "rep-" + suffix;
    hotWs = "hot-" + suffix;
    long t0 = System.nanoTime();
    String pkg = workspace(ws);
    load(ws, pkg, WALLETS, ENTRIES_PER_WALLET, STEP_SECONDS);
    String hotPkg = workspace(hotWs);
    load(hotWs, hotPkg, 1, HOT_ENTRIES, HOT_STEP_SECONDS);
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
    }
    RESULTS.add(
        String.format(
            Locale.ROOT,
            "setup: %,d + %,d entries bulk-loaded and analyzed in %.1f s",
            (long) WALLETS * ENTRIES_PER_WALLET,
            (long) HOT_ENTRIES,
            (System.nanoTime() - t0) / 1e9));
  }

  /** A workspace with the demo packages; returns the Professional package's id (500 for $449). */
  private static String workspace(String key) {
    credits
        .workspaces()
        .create(WorkspaceSettings.builder(key, Monetary.getCurrency("USD")).build());
    List<CreditPackageView> demo = DemoCatalog.seed(credits.catalog(), key);
    return demo.get(1).id().toString();
  }

  /**
   * Loads {@code wallets} wallets of {@code entries} entries each: blocks of one purchase of the
   * Professional package (500 credits for $449, expiring after 180 days) followed by 100 usages of
   * 5 credits, the last block cut short where the entries end. Entry {@code i} of wallet {@code w}
   * occurs at START + i × step + w seconds. Ids are derived from (workspace, wallet, index), so
   * every table can be written by one INSERT … SELECT.
   */
  private static void load(String key, String pkg, int wallets, int entries, long step)
      throws SQLException {
    long startMicros = START.getEpochSecond() * 1_000_000L;
    long stepMicros = step * 1_000_000L;
    long blocks = (entries + 100) / 101; // each block: 1 purchase + up to 100 usages
    String id = "md5(? || '/' || %s)::uuid::text";
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL synchronous_commit = off");
      }
      // wallets
      exec(
          c,
          "insert into credits_wallet (id, workspace_key, organization_id, display_name, balance,"
              + " held, overdraft_limit, overdraft_used, last_seq, last_hash, created_at)"
              + " select "
              + id.formatted("'w' || w")
              + ", ?, 'org-' || w, 'Org ' || w, 0, 0, 0, 0, 0, null, ?"
              + " from generate_series(0, ? - 1) w",
          key,
          key,
          startMicros - 1_000_000L,
          wallets);
      // entries: index i, block k = i / 101, position j = i % 101 (0: the purchase)
      String block = "(i / 101)";
      String pos = "(i % 101)";
      exec(
          c,
          "insert into credits_entry (id, wallet_id, seq, entry_type, reason_code, amount,"
              + " balance_after, occurred_at, description, actor_type, actor_id, actor_name,"
              + " package_id, purchase_id, offering_id, request_id, counterparty_wallet_id,"
              + " reversed_entry_id, hold_id, idempotency_key, hash)"
              + " select "
              + id.formatted("'e' || w || '/' || i")
              + ", "
              + id.formatted("'w' || w")
              + ", i + 1,"
              + " case when "
              + pos
              + " = 0 then 'PURCHASE' else 'USAGE' end, null,"
              + " case when "
              + pos
              + " = 0 then 500 else -5 end,"
              + " 500 - 5 * "
              + pos
              + ", ? + i * ? + w * 1000000, null, 'SYSTEM', 'bench', 'Bench',"
              + " case when "
              + pos
              + " = 0 then ? end,"
              + " case when "
              + pos
              + " = 0 then "
              + id.formatted("'p' || w || '/' || " + block)
              + " end,"
              + " null, null, null, null, null, null, repeat('0', 64)"
              + " from generate_series(0, ? - 1) w, generate_series(0, ? - 1) i",
          key,
          key,
          startMicros,
          stepMicros,
          pkg,
          key,
          wallets,
          entries);
      // lots: one per block, remaining what its usages left
      exec(
          c,
          "insert into credits_lot (id, wallet_id, source, original, remaining, reserved,"
              + " granted_at, effective_at, expires_at, cost_basis, cost_currency, priority,"
              + " entry_id, origin_lot_id, purchase_id)"
              + " select "
              + id.formatted("'l' || w || '/' || k")
              + ", "
              + id.formatted("'w' || w")
              + ", 'PURCHASE', 500, 500 - 5 * least(100, ? - 1 - k * 101), 0,"
              + " ? + k * 101 * ? + w * 1000000, ? + k * 101 * ? + w * 1000000,"
              + " ? + k * 101 * ? + w * 1000000 + 180 * 86400000000, 0.898, 'USD', 0, "
              + id.formatted("'e' || w || '/' || (k * 101)")
              + ", null, "
              + id.formatted("'p' || w || '/' || k")
              + " from generate_series(0, ? - 1) w, generate_series(0, ? - 1) k",
          key,
          key,
          entries,
          startMicros,
          stepMicros,
          startMicros,
          stepMicros,
          startMicros,
          stepMicros,
          key,
          key,
          wallets,
          blocks);
      exec(
          c,
          "insert into credits_allocation (id, entry_id, wallet_id, lot_id, amount)"
              + " select "
              + id.formatted("'a' || w || '/' || i")
              + ", "
              + id.formatted("'e' || w || '/' || i")
              + ", "
              + id.formatted("'w' || w")
              + ", "
              + id.formatted("'l' || w || '/' || " + block)
              + ", case when "
              + pos
              + " = 0 then 500 else -5 end"
              + " from generate_series(0, ? - 1) w, generate_series(0, ? - 1) i",
          key,
          key,
          key,
          key,
          wallets,
          entries);
      exec(
          c,
          "insert into credits_purchase (id, workspace_key, wallet_id, package_id, package_name,"
              + " credits, bonus_credits, price, currency, cost_basis, expiry_days, status,"
              + " gateway, created_by_type, created_by_id, created_by_name, amount_paid,"
              + " credits_refunded, amount_refunded, lot_id, credit_entry_id, created_at,"
              + " paid_at, credited_at, updated_at)"
              + " select "
              + id.formatted("'p' || w || '/' || k")
              + ", ?, "
              + id.formatted("'w' || w")
              + ", ?, 'Professional', 500, 0, 449, 'USD', 0.898, 180, 'CREDITED', 'manual',"
              + " 'SYSTEM', 'bench', 'Bench', 449, 0, 0, "
              + id.formatted("'l' || w || '/' || k")
              + ", "
              + id.formatted("'e' || w || '/' || (k * 101)")
              + ", t, t, t, t from (select w, k, ? + k * 101 * ? + w * 1000000 as t"
              + " from generate_series(0, ? - 1) w, generate_series(0, ? - 1) k) b",
          key,
          key,
          key,
          pkg,
          key,
          key,
          startMicros,
          stepMicros,
          wallets,
          blocks);
      // each wallet's balance, sequence and chain head follow its last entry
      exec(
          c,
          "update credits_wallet w set balance = e.balance_after, last_seq = e.seq,"
              + " last_hash = e.hash from credits_entry e"
              + " where e.wallet_id = w.id and w.workspace_key = ? and e.seq = ?",
          key,
          entries);
      c.commit();
    }
  }

  private static void exec(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.executeUpdate();
    }
  }

  @AfterAll
  static void tearDown() {
    System.out.println();
    System.out.println(
        "=== credits4j reports benchmark (PostgreSQL, "
            + Runtime.getRuntime().availableProcessors()
            + " cores, median of "
            + RUNS
            + " runs) ===");
    RESULTS.forEach(System.out::println);
    if (credits != null) {
      credits.close();
    }
  }

  /** Runs {@code report} once to warm up, then {@code RUNS} times; records the median. */
  private static <T> T measure(String label, Supplier<T> report) {
    T result = report.get();
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long t = System.nanoTime();
      result = report.get();
      nanos.add(System.nanoTime() - t);
    }
    nanos.sort(null);
    String line =
        String.format(
            Locale.ROOT,
            "%-48s median %7.1f ms  (min %7.1f, max %7.1f)",
            label,
            nanos.get(nanos.size() / 2) / 1e6,
            nanos.get(0) / 1e6,
            nanos.get(nanos.size() - 1) / 1e6);
    System.out.println("reports benchmark: " + line); // as it goes, in case a run is cut short
    RESULTS.add(line);
    return result;
  }

  @Test
  void reportsOnAMillionEntries() {
    assertThat(
            count(
                "select count(*) from credits_entry e join credits_wallet w on w.id = e.wallet_id"
                    + " where w.workspace_key = ?",
                ws))
        .isEqualTo((long) WALLETS * ENTRIES_PER_WALLET);

    // Without the rollup: replaying the ledger (the figures of docs/performance.md before it).
    ReportQuery december =
        ReportQuery.of(ws, LocalDate.parse("2025-12-01"), LocalDate.parse("2025-12-31"));
    SummaryReport replayed =
        once("summary, one month, ledger replay (no rollup)", () -> reports.summary(december));
    LiabilityReport replayedLiability =
        once(
            "liability a month back, ledger replay (no rollup)",
            () -> reports.liability(LiabilityQuery.at(ws, Instant.parse("2025-12-01T00:00:00Z"))));

    // The daily rollup: built once over the year (the clock is 2026-01-01 00:00 UTC, so days up
    // to Dec 30 are closed), then a run with nothing to do, as the scheduler would repeat it.
    RollupReport built = once("rollup: first build (a year, 1M entries)", () -> reports.rollUp(ws));
    assertThat(built.daysRolledUp()).isEqualTo(364);
    // The first build filled the rollup's tables at once: let PostgreSQL see them, as autovacuum's
    // analyze would soon after (without statistics, the latest states are read by a poor plan).
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("ANALYZE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    measure("rollup: a run with no closed day to add", () -> reports.rollUp(ws));

    // Per wallet: nine purchases used up, the tenth with 50 of its 500 credits left, worth
    // 449 − v(450) = 449 − 404.10 = 44.90.
    LiabilityReport now = measure("liability now", () -> reports.liability(LiabilityQuery.now(ws)));
    assertThat(now.outstandingCredits()).isEqualByComparingTo(BigDecimal.valueOf(50L * WALLETS));
    assertThat(now.value().getNumber().numberValue(BigDecimal.class))
        .isEqualByComparingTo(new BigDecimal("44.90").multiply(BigDecimal.valueOf(WALLETS)));
    measure(
        "liability as of 2025-12-01 (a month back)",
        () -> reports.liability(LiabilityQuery.at(ws, Instant.parse("2025-12-01T00:00:00Z"))));
    measure(
        "liability as of 2025-12-01 12:00 (within a rolled-up day)",
        () -> reports.liability(LiabilityQuery.at(ws, Instant.parse("2025-12-01T12:00:00Z"))));
    measure(
        "liability as of 2025-12-31 12:00 (after the watermark)",
        () -> reports.liability(LiabilityQuery.at(ws, Instant.parse("2025-12-31T12:00:00Z"))));
    measure(
        "liability as of 2025-07-01 (half a year back)",
        () -> reports.liability(LiabilityQuery.at(ws, Instant.parse("2025-07-01T00:00:00Z"))));

    ReportQuery year =
        ReportQuery.of(ws, LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"))
            .withGranularity(Granularity.MONTH);
    SummaryReport s = measure("summary, one month (~85k entries)", () -> reports.summary(december));
    assertThat(s.credits().consumed()).isPositive();
    assertThat(s).isEqualTo(replayed);
    LiabilityReport monthBack =
        reports.liability(LiabilityQuery.at(ws, Instant.parse("2025-12-01T00:00:00Z")));
    assertThat(monthBack).isEqualTo(replayedLiability);
    measure("services, one month", () -> reports.services(december));
    measure("revenue, one month", () -> reports.revenue(december));
    RollForwardReport month =
        measure("roll-forward, one month", () -> reports.rollForward(december));
    assertThat(month.tiesOut()).isTrue();
    measure(
        "summary, one quarter",
        () ->
            reports.summary(
                ReportQuery.of(ws, LocalDate.parse("2025-10-01"), LocalDate.parse("2025-12-31"))));
    RollForwardReport all =
        measure("roll-forward, whole year (1M entries)", () -> reports.rollForward(year));
    assertThat(all.tiesOut()).isTrue();
    assertThat(all.closing()).isEqualTo(now.value());
    // The raw-SQL baseline: the cheapest query that touches a year's entries (credits by type).
    String byType =
        "select e.entry_type, sum(e.amount) from credits_entry e"
            + " join credits_wallet w on w.id = e.wallet_id"
            + " where w.workspace_key = ? and e.occurred_at >= ? and e.occurred_at < ?"
            + " group by e.entry_type";
    long yearStart = START.toEpochMilli() * 1000;
    long yearEnd = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() * 1000;
    long monthStart = Instant.parse("2025-12-01T00:00:00Z").toEpochMilli() * 1000;
    measure(
        "baseline: SQL credits by type, one month", () -> rows(byType, ws, monthStart, yearEnd));
    measure(
        "baseline: SQL credits by type, whole year", () -> rows(byType, ws, yearStart, yearEnd));
    measure(
        "organization, one month (daily balance)",
        () ->
            reports.organization(
                OrganizationReportQuery.of(
                    WalletRef.of(ws, "org-7"),
                    LocalDate.parse("2025-12-01"),
                    LocalDate.parse("2025-12-31"))));
    measure(
        "organization, whole year (365 daily balances)",
        () ->
            reports.organization(
                OrganizationReportQuery.of(
                    WalletRef.of(ws, "org-7"),
                    LocalDate.parse("2025-01-01"),
                    LocalDate.parse("2025-12-31"))));
    ReconciliationReport r =
        measure(
            "reconcile one wallet (1,000 entries)",
            () -> credits.ledger().reconcile(WalletRef.of(ws, "org-7")));
    assertThat(r.clean()).isTrue();
  }

  @Test
  void exportingAMillionEntryHistory() throws Exception {
    WalletRef hot = WalletRef.of(hotWs, "org-0");
    CsvExports csv = new CsvExports(credits.ledger());
    AtomicLong peak = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    var memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    CountingWriter out = new CountingWriter();
    long t = System.nanoTime();
    long rows = csv.history(new HistoryQuery(hot, Set.of(), null, null, null, 1), out);
    double seconds = (System.nanoTime() - t) / 1e9;
    running.set(false);
    sampler.join();
    System.gc();
    long after = memory.getHeapMemoryUsage().getUsed();
    assertThat(rows).isEqualTo(HOT_ENTRIES);
    RESULTS.add(
        String.format(
            Locale.ROOT,
            "CSV history export: %,d rows, %,d MB in %.1f s (%,.0f rows/s); heap used %d MB"
                + " before, peak %d MB during, %d MB after (max heap %d MB)",
            rows,
            out.chars / 1_000_000,
            seconds,
            rows / seconds,
            before >> 20,
            peak.get() >> 20,
            after >> 20,
            Runtime.getRuntime().maxMemory() >> 20));
  }

  /**
   * A balance read and history pages (50 entries: the newest, one in the middle of the chain, the
   * oldest) of the 1,000,000-entry wallet, each timed {@code bench.reads} times after as many
   * warm-up calls, beside the same reads in plain SQL (the wallet row; a keyset page of entries).
   * Prints p50, p99 and the worst call; asserts only what the reads return.
   */
  @Test
  void readingAMillionEntryWallet() throws SQLException {
    WalletRef hot = WalletRef.of(hotWs, "org-0");
    CreditLedger ledger = credits.ledger();
    String walletId;
    try (Connection c = ds.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select id from credits_wallet where workspace_key = ? and organization_id = ?")) {
      s.setString(1, hotWs);
      s.setString(2, "org-0");
      try (var rs = s.executeQuery()) {
        rs.next();
        walletId = rs.getString(1);
      }
    }
    assertThat(ledger.balance(hot).balance().signum()).isPositive();
    latencies(
        "balance, SDK",
        "balance, plain SQL",
        () -> ledger.balance(hot),
        () ->
            rows(
                "select id, balance from credits_wallet where workspace_key = ?"
                    + " and organization_id = ?",
                hotWs,
                "org-0"));
    for (long before : new long[] {0, HOT_ENTRIES / 2, 52}) {
      String where = before == 0 ? "newest" : before == 52 ? "oldest" : "middle";
      HistoryQuery page =
          before == 0
              ? HistoryQuery.firstPage(hot, 50)
              : HistoryQuery.firstPage(hot, 50).next(cursorBefore(before));
      assertThat(ledger.history(page).entries()).hasSize(50);
      long upTo = before == 0 ? HOT_ENTRIES + 1 : before;
      latencies(
          "history page (50), " + where + ", SDK",
          "history page (50), " + where + ", plain SQL",
          () -> ledger.history(page),
          () ->
              rows(
                  "select id, seq from credits_entry where wallet_id = ? and seq < ?"
                      + " order by seq desc limit 51",
                  walletId,
                  upTo));
    }
  }

  /** The history cursor of the page before sequence {@code before} (the SDK's own format). */
  private static String cursorBefore(long before) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("seq:" + before).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Times {@code sdk} and {@code baseline}, READS calls each after as many warm-up calls. */
  private static void latencies(
      String label, String baselineLabel, Supplier<?> sdk, Supplier<?> baseline) {
    String line =
        percentiles(label, sdk) + System.lineSeparator() + percentiles(baselineLabel, baseline);
    System.out.println("reports benchmark: " + line);
    RESULTS.add(line);
  }

  private static String percentiles(String label, Supplier<?> work) {
    for (int i = 0; i < READS; i++) {
      work.get();
    }
    long[] nanos = new long[READS];
    for (int i = 0; i < READS; i++) {
      long t = System.nanoTime();
      work.get();
      nanos[i] = System.nanoTime() - t;
    }
    java.util.Arrays.sort(nanos);
    return String.format(
        Locale.ROOT,
        "%-48s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d calls)",
        label,
        nanos[READS / 2] / 1e6,
        nanos[(int) (READS * 0.99)] / 1e6,
        nanos[READS - 1] / 1e6,
        READS);
  }

  /** Runs a query and reads all its rows; returns how many. */
  private static long rows(String sql, Object... params) {
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      long n = 0;
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          rs.getObject(2);
          n++;
        }
      }
      return n;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code work} once and records its time. */
  private static <T> T once(String label, Supplier<T> work) {
    long t = System.nanoTime();
    T result = work.get();
    String line =
        String.format(Locale.ROOT, "%-48s once   %7.1f ms", label, (System.nanoTime() - t) / 1e6);
    System.out.println("reports benchmark: " + line);
    RESULTS.add(line);
    return result;
  }

  private static long count(String sql, Object... params) {
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A writer that only counts what it is given. */
  private static final class CountingWriter extends Writer {
    long chars;

    @Override
    public void write(char[] buf, int off, int len) {
      chars += len;
    }

    @Override
    public void write(String str, int off, int len) {
      chars += len;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
