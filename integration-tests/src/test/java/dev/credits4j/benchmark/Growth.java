package dev.credits4j.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.SchemaMigrations;
import dev.credits4j.api.Actor;
import dev.credits4j.api.Balance;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LiabilityQuery;
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
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.money.Monetary;

/**
 * Growth: one workspace on PostgreSQL grown in stages (e.g. 100k, 1M, 10M entries), and after each
 * stage the same per-wallet and per-period operations timed, to show they stay flat while the
 * ledger grows: a wallet's balance and history page, the expiry sweep of one day's lots, every
 * period report of the last month (with the rollup), the liability, an organization report and a
 * CSV export of a wallet's last 30 days. The workspace grows in time, at a constant rate (1,000
 * wallets, one entry per wallet every 3 hours: 8,000 entries a day), so a month holds the same
 * activity at every stage and only the history behind it grows; the rollup is brought up to date
 * after each stage, as the scheduler's job would, and its incremental run is timed.
 *
 * <p>Bulk generation: INSERT … SELECT over generate_series in one transaction per stage, the same
 * layout as {@link ReportsBenchmark} (blocks of one purchase of 500 credits for $449 and 100 usages
 * of 5 credits, every lot and allocation consistent with invariants 1 to 7), appending to the same
 * wallets stage after stage (sequences continue; each stage is a whole number of blocks). Hash
 * chains are placeholders: verification is not measured (a wallet's {@code verify} reads its whole
 * chain, by design; see docs/scaling.md on archiving). The expiry sweep's lots, and their wallets,
 * are made through the SDK at each stage: 200 lots of 10 credits that expired the day before.
 *
 * <p>Runs in a database of its own, created and dropped here.
 */
final class Growth {
  private static final int WALLETS = Integer.getInteger("bench.growth.wallets", 1000);
  private static final int SWEEP_WALLETS = 200;
  private static final long STEP_SECONDS = 3 * 3600;
  private static final int STEPS_PER_DAY = (int) (86400 / STEP_SECONDS);

  /** Steps loaded per transaction: eight blocks of 101, 808,000 entries over 1,000 wallets. */
  private static final int LOAD_STEPS = 8 * 101;

  /** Days the rollup catches up per run when timing its cost per day. */
  private static final int ROLLUP_CHUNK_DAYS = Integer.getInteger("bench.growth.rollupChunk", 100);

  private static final int RUNS = Integer.getInteger("bench.runs", 3);
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  private static final Actor SYSTEM = Actor.system("growth");

  private final List<Integer> stages;
  private final Map<String, List<String>> table = new LinkedHashMap<>();
  private final List<String> header = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private String database;
  private String url;
  private Thread dropOnExit;

  /** Steps skipped so far so that each stage starts on a new day (0 in the first stage). */
  private long offsetSteps;

  /** Where the rollup's clock stood after the last catch-up; null before the first. */
  private Instant rolledUpTo;

  private HikariDataSource ds;
  private EntityManagerFactory emf;
  private Credits4j credits;
  private MutableClock clock;
  private String ws;
  private String pkg;

  /** {@code stages}: the entries per wallet after each stage, each a multiple of 101. */
  Growth(List<Integer> stages) {
    for (int s : stages) {
      if (s % 101 != 0) {
        throw new IllegalArgumentException("stage " + s + " is not a multiple of 101 entries");
      }
    }
    this.stages = List.copyOf(stages);
  }

  /** The stages in {@code property} (entries per wallet, comma-separated), or {@code defaults}. */
  static List<Integer> stages(String property, String defaults) {
    List<Integer> out = new ArrayList<>();
    for (String s : System.getProperty(property, defaults).split(",")) {
      out.add(Integer.parseInt(s.strip()));
    }
    return out;
  }

  void run() throws Exception {
    open();
    try {
      int done = 0;
      for (int perWallet : stages) {
        stage(done, perWallet);
        done = perWallet;
      }
      print();
    } finally {
      close();
    }
  }

  private void open() throws SQLException {
    TestDatabase pg = TestDatabase.POSTGRESQL;
    String admin =
        System.getProperty("credits.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    database = "credits_growth_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection c = DriverManager.getConnection(admin, pg.user(), pg.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    HikariConfig config = new HikariConfig();
    // dropped even when the run is interrupted (Ctrl-C, a killed fork)
    String created = database;
    dropOnExit = new Thread(() -> drop(admin, created));
    Runtime.getRuntime().addShutdownHook(dropOnExit);
    url = admin.replaceAll("/[^/?]*(\\?.*)?$", "/" + database + "$1");
    config.setJdbcUrl(url);
    config.setUsername(pg.user());
    config.setPassword(pg.password());
    config.setMaximumPoolSize(6);
    config.setPoolName("growth");
    ds = new HikariDataSource(config);
    SchemaMigrations.migrate(ds);
    Map<String, Object> props = new HashMap<>();
    props.put("jakarta.persistence.nonJtaDataSource", ds);
    props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
    try {
      Class.forName("org.eclipse.persistence.jpa.PersistenceProvider");
      props.put("jakarta.persistence.provider", "org.eclipse.persistence.jpa.PersistenceProvider");
    } catch (ClassNotFoundException hibernateOnly) {
      props.put("jakarta.persistence.provider", "org.hibernate.jpa.HibernatePersistenceProvider");
    }
    emf = Persistence.createEntityManagerFactory(Credits4j.PERSISTENCE_UNIT, props);
    clock = new MutableClock(START.minus(1, ChronoUnit.DAYS));
    credits = Credits4j.builder().entityManagerFactory(emf).clock(clock).build();
    ws = "growth";
    credits.workspaces().create(WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).build());
    List<CreditPackageView> demo = DemoCatalog.seed(credits.catalog(), ws);
    pkg = demo.get(1).id().toString();
    for (int i = 0; i < SWEEP_WALLETS; i++) {
      credits.workspaces().registerOrganization(sweepWallet(i), "Sweep " + i);
    }
  }

  private void close() throws SQLException {
    if (credits != null) {
      credits.close();
    }
    if (emf != null && emf.isOpen()) {
      emf.close();
    }
    if (ds != null) {
      ds.close();
    }
    String admin =
        System.getProperty("credits.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    if (dropOnExit != null) {
      Runtime.getRuntime().removeShutdownHook(dropOnExit);
    }
    if (database != null && !drop(admin, database)) {
      throw new SQLException("could not drop the growth database " + database);
    }
  }

  private static boolean drop(String admin, String database) {
    TestDatabase pg = TestDatabase.POSTGRESQL;
    try (Connection c = DriverManager.getConnection(admin, pg.user(), pg.password());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      System.out.println("growth benchmark: dropped database " + database);
      return true;
    } catch (SQLException e) {
      System.err.println("growth benchmark: could not drop database " + database + ": " + e);
      return false;
    }
  }

  private WalletRef sweepWallet(int i) {
    return WalletRef.of(ws, "sweep-" + i);
  }

  // ---------------------------------------------------------------- one stage

  private void stage(int from, int to) throws Exception {
    long t0 = System.nanoTime();
    load(from, to);
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    analyze();
    long entries = count("select count(*) from credits_entry");
    String column = String.format(Locale.ROOT, "%,d", entries);
    header.add(column);
    note(
        String.format(
            Locale.ROOT,
            "%s entries: %,d generated in %.1f s (%,.0f entries/s), load average %s",
            column,
            (long) (to - from) * WALLETS,
            loadSeconds,
            (to - from) * (double) WALLETS / loadSeconds,
            loadAverage()));

    // Now: two hours into the day after the stage's last entry, so every earlier day is closed.
    Instant last = START.plusSeconds((to - 1 + offsetSteps) * STEP_SECONDS + WALLETS);
    Instant now = last.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).plusSeconds(7200);

    // A day's lots for the sweep: granted two days ago, expired yesterday.
    clock.set(now.minus(2, ChronoUnit.DAYS));
    Instant expiry = now.minus(1, ChronoUnit.DAYS);
    for (int i = 0; i < SWEEP_WALLETS; i++) {
      credits
          .ledger()
          .grant(
              GrantRequest.builder(sweepWallet(i), BigDecimal.TEN, SYSTEM)
                  .expiresAt(expiry)
                  .build());
    }
    clock.set(now);
    long ts = System.nanoTime();
    ExpiryReport swept = credits.expiry().expire(ws, now);
    record("expiry sweep of a day's lots (200)", column, (System.nanoTime() - ts) / 1e6, "once");
    assertThat(swept.lotsExpired()).isEqualTo(SWEEP_WALLETS);

    Reports reports = credits.reports();
    // The catch-up as the report-rollup job would do it, in runs of ROLLUP_CHUNK_DAYS days (the
    // clock stepped forward) so that its cost per day shows at each size, with the machine's load.
    long tr = System.nanoTime();
    int days = 0;
    Instant at = rolledUpTo == null ? START : rolledUpTo;
    while (at.isBefore(now)) {
      at = at.plus(ROLLUP_CHUNK_DAYS, ChronoUnit.DAYS);
      if (at.isAfter(now)) {
        at = now;
      }
      clock.set(at);
      long tc = System.nanoTime();
      RollupReport run = reports.rollUp(ws);
      double seconds = (System.nanoTime() - tc) / 1e9;
      days += run.daysRolledUp();
      if (run.daysRolledUp() > 0) {
        System.out.printf(
            Locale.ROOT,
            "growth benchmark: rollup at %s entries: %d days to %s in %.1f s (%.2f s/day),"
                + " load average %s%n",
            column,
            run.daysRolledUp(),
            run.nextDay(),
            seconds,
            seconds / run.daysRolledUp(),
            loadAverage());
      }
    }
    rolledUpTo = now;
    clock.set(now);
    double rollupMillis = (System.nanoTime() - tr) / 1e6;
    record("rollup: the stage's new days", column, rollupMillis, "once");
    record("rollup: per day caught up", column, rollupMillis / Math.max(1, days), "once");
    note(
        String.format(
            Locale.ROOT,
            "%s entries: rollup of %d new days in %.1f s (%.2f s a day), load average %s",
            column,
            days,
            rollupMillis / 1000,
            rollupMillis / 1000 / Math.max(1, days),
            loadAverage()));
    analyze();

    WalletRef org = WalletRef.of(ws, "org-7");
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate monthStart = today.minusDays(30);
    ReportQuery month = ReportQuery.of(ws, monthStart, today.minusDays(1));
    Balance balance = measure("balance of one wallet", column, () -> credits.ledger().balance(org));
    assertThat(balance.balance()).isEqualByComparingTo(BigDecimal.ZERO);
    HistoryPage page =
        measure(
            "history: a wallet's newest page (50)",
            column,
            () -> credits.ledger().history(HistoryQuery.firstPage(org, 50)));
    assertThat(page.entries()).hasSize(50);
    assertThat(page.entries().get(0).sequence()).isEqualTo(to);
    measure(
        "history: the page after it",
        column,
        () -> credits.ledger().history(HistoryQuery.firstPage(org, 50).next(page.nextCursor())));
    SummaryReport summary = measure("summary, last 30 days", column, () -> reports.summary(month));
    assertThat(summary.credits().consumed()).isPositive();
    measure("services, last 30 days", column, () -> reports.services(month));
    measure("revenue, last 30 days", column, () -> reports.revenue(month));
    RollForwardReport roll =
        measure("roll-forward, last 30 days", column, () -> reports.rollForward(month));
    assertThat(roll.tiesOut()).isTrue();
    measure("liability now", column, () -> reports.liability(LiabilityQuery.now(ws)));
    measure(
        "liability 30 days back",
        column,
        () ->
            reports.liability(
                LiabilityQuery.at(ws, monthStart.atStartOfDay(ZoneOffset.UTC).toInstant())));
    measure(
        "organization report, last 30 days",
        column,
        () ->
            reports.organization(OrganizationReportQuery.of(org, monthStart, today.minusDays(1))));
    CsvExports csv = new CsvExports(credits.ledger());
    Instant exportFrom = monthStart.atStartOfDay(ZoneOffset.UTC).toInstant();
    long rows =
        measure(
            "CSV export: a wallet's last 30 days (~240 rows)",
            column,
            () ->
                csv.history(
                    new HistoryQuery(org, Set.of(), exportFrom, now, null, 1), new StringWriter()));
    assertThat(rows).isPositive();
    // The generated rows hold together: balance = entries = lots, allocations = their entries.
    ReconciliationReport reconciled =
        measure(
            "reconcile one wallet (its whole history)",
            column,
            () -> credits.ledger().reconcile(org));
    assertThat(reconciled.discrepancies()).isEmpty();
    assertThat(reconciled.entries()).isEqualTo(to);
    System.out.println("growth benchmark: stage done at " + column + " entries");
  }

  /**
   * Appends entries {@code from} (included) to {@code to} (excluded) to each wallet, with their
   * lots, allocations and purchases, and moves each wallet's balance and sequence to its last.
   *
   * <p>Server-side, in chunks of {@link #LOAD_STEPS} steps (block-aligned, one transaction each),
   * in time order (step by step, every wallet within a step), with ids shaped like the SDK's own
   * (UUID v7: the row's millisecond first, then bits hashed from what the row is), so each index
   * grows at its end as it does in production instead of at random places. Foreign keys are not
   * checked during the load ({@code session_replication_role = replica} on the loading connection
   * only; the rows reference each other by construction); every constraint and index stays in place
   * and is maintained.
   */
  private void load(int from, int to) throws SQLException {
    long startMicros = START.getEpochSecond() * 1_000_000L;
    long stepMicros = STEP_SECONDS * 1_000_000L;
    long off = offsetSteps;
    String wallet = "md5(? || '/' || 'w' || w)::uuid::text";
    // the time of step n of wallet w, in microseconds
    String at = "(? + (%s + " + off + ") * ? + w * 1000000)";
    TestDatabase pg = TestDatabase.POSTGRESQL;
    try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
      try (Statement s = c.createStatement()) {
        s.execute("SET session_replication_role = replica");
        s.execute("SET synchronous_commit = off");
        s.execute(
            "CREATE OR REPLACE FUNCTION pg_temp.growth_id(kind text, w int, n bigint, micros"
                + " bigint) RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT substr(h, 1, 8) ||"
                + " '-' || substr(h, 9, 4) || '-7' || substr(m, 1, 3) || '-8' || substr(m, 4, 3)"
                + " || '-' || substr(m, 7, 12) FROM (SELECT lpad(to_hex(micros / 1000), 12, '0')"
                + " AS h, md5(kind || w || '/' || n) AS m) x $$");
      }
      c.setAutoCommit(false);
      if (from == 0) {
        exec(
            c,
            "insert into credits_wallet (id, workspace_key, organization_id, display_name,"
                + " balance, held, overdraft_limit, overdraft_used, last_seq, last_hash,"
                + " created_at) select "
                + wallet
                + ", ?, 'org-' || w, 'Org ' || w, 0, 0, 0, 0, 0, null, ?"
                + " from generate_series(0, ? - 1) w",
            ws,
            ws,
            startMicros - 1_000_000L,
            WALLETS);
        c.commit();
      }
      // step by step, each step's wallets in turn: "lateral" keeps the steps the outer loop
      String steps =
          " from generate_series(?, ? - 1) i cross join lateral generate_series(0, ? - 1 + 0 * i) w";
      String blocks =
          " from generate_series(?, ? - 1) k cross join lateral generate_series(0, ? - 1 + 0 * k) w";
      for (int a = from; a < to; a += LOAD_STEPS) {
        int b = Math.min(to, a + LOAD_STEPS);
        exec(
            c,
            "insert into credits_entry (id, wallet_id, seq, entry_type, reason_code, amount,"
                + " balance_after, occurred_at, description, actor_type, actor_id, actor_name,"
                + " package_id, purchase_id, offering_id, request_id, counterparty_wallet_id,"
                + " reversed_entry_id, hold_id, idempotency_key, hash)"
                + " select pg_temp.growth_id('e', w, i, t), "
                + wallet
                + ", i + 1, case when i % 101 = 0 then 'PURCHASE' else 'USAGE' end, null,"
                + " case when i % 101 = 0 then 500 else -5 end, 500 - 5 * (i % 101), t, null,"
                + " 'SYSTEM', 'bench', 'Bench', case when i % 101 = 0 then ? end,"
                + " case when i % 101 = 0 then pg_temp.growth_id('p', w, i / 101, t) end,"
                + " null, null, null, null, null, null, repeat('0', 64)"
                + " from (select i, w, "
                + at.formatted("i")
                + " as t"
                + steps
                + ") x",
            ws,
            pkg,
            startMicros,
            stepMicros,
            a,
            b,
            WALLETS);
        // Lots: one per block of 101 entries, used up by its 100 usages.
        exec(
            c,
            "insert into credits_lot (id, wallet_id, source, original, remaining, reserved,"
                + " granted_at, effective_at, expires_at, cost_basis, cost_currency, priority,"
                + " entry_id, origin_lot_id, purchase_id)"
                + " select pg_temp.growth_id('l', w, k, t), "
                + wallet
                + ", 'PURCHASE', 500, 0, 0, t, t, t + 180 * 86400000000, 0.898, 'USD', 0,"
                + " pg_temp.growth_id('e', w, k * 101, t), null, pg_temp.growth_id('p', w, k, t)"
                + " from (select k, w, "
                + at.formatted("k * 101")
                + " as t"
                + blocks
                + ") x",
            ws,
            startMicros,
            stepMicros,
            a / 101,
            b / 101,
            WALLETS);
        exec(
            c,
            "insert into credits_allocation (id, entry_id, wallet_id, lot_id, amount)"
                + " select pg_temp.growth_id('a', w, i, t), pg_temp.growth_id('e', w, i, t), "
                + wallet
                + ", pg_temp.growth_id('l', w, i / 101, t - (i % 101) * ?),"
                + " case when i % 101 = 0 then 500 else -5 end"
                + " from (select i, w, "
                + at.formatted("i")
                + " as t"
                + steps
                + ") x",
            ws,
            stepMicros,
            startMicros,
            stepMicros,
            a,
            b,
            WALLETS);
        exec(
            c,
            "insert into credits_purchase (id, workspace_key, wallet_id, package_id, package_name,"
                + " credits, bonus_credits, price, currency, cost_basis, expiry_days, status,"
                + " gateway, created_by_type, created_by_id, created_by_name, amount_paid,"
                + " credits_refunded, amount_refunded, lot_id, credit_entry_id, created_at,"
                + " paid_at, credited_at, updated_at)"
                + " select pg_temp.growth_id('p', w, k, t), ?, "
                + wallet
                + ", ?, 'Professional', 500, 0, 449, 'USD', 0.898, 180, 'CREDITED', 'manual',"
                + " 'SYSTEM', 'bench', 'Bench', 449, 0, 0, pg_temp.growth_id('l', w, k, t),"
                + " pg_temp.growth_id('e', w, k * 101, t), t, t, t, t"
                + " from (select k, w, "
                + at.formatted("k * 101")
                + " as t"
                + blocks
                + ") x",
            ws,
            ws,
            pkg,
            startMicros,
            stepMicros,
            a / 101,
            b / 101,
            WALLETS);
        c.commit();
      }
      exec(
          c,
          "update credits_wallet w set balance = e.balance_after, last_seq = e.seq,"
              + " last_hash = e.hash from credits_entry e"
              + " where e.wallet_id = w.id and w.workspace_key = ? and e.seq = ?"
              + " and w.organization_id like 'org-%'",
          ws,
          to);
      c.commit();
      try (Statement s = c.createStatement()) {
        s.execute("SET session_replication_role = origin");
      }
    }
    // The next stage starts on a new day: a day is rolled up once, complete.
    offsetSteps += Math.floorMod(-(to + offsetSteps), STEPS_PER_DAY);
  }

  /** A line of the summary, printed at once too (a long run may be stopped before the summary). */
  private void note(String line) {
    System.out.println("growth benchmark: " + line);
    notes.add(line);
  }

  /** The machine's load averages (1, 5, 15 minutes), or "?" where /proc/loadavg is missing. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private void analyze() throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ANALYZE");
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

  private long count(String sql) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------- measuring

  /** Runs {@code work} once to warm up, then {@code RUNS} times; records the median. */
  private <T> T measure(String label, String column, Supplier<T> work) {
    T result = work.get();
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long t = System.nanoTime();
      result = work.get();
      nanos.add(System.nanoTime() - t);
    }
    nanos.sort(null);
    record(label, column, nanos.get(nanos.size() / 2) / 1e6, "median");
    return result;
  }

  private void record(String label, String column, double millis, String kind) {
    String cell = String.format(Locale.ROOT, "%.1f", millis);
    System.out.printf(
        Locale.ROOT,
        "growth benchmark: %-48s %12s entries: %s ms (%s)%n",
        label,
        column,
        cell,
        kind);
    table.computeIfAbsent(label, k -> new ArrayList<>()).add(cell);
  }

  private void print() {
    System.out.println();
    System.out.println(
        "=== credits4j growth benchmark (PostgreSQL, "
            + Runtime.getRuntime().availableProcessors()
            + " cores; ms, median of "
            + RUNS
            + " runs unless once) ===");
    notes.forEach(System.out::println);
    StringBuilder head = new StringBuilder("| operation |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String h : header) {
      head.append(' ').append(h).append(" entries |");
      rule.append("---|");
    }
    System.out.println(head);
    System.out.println(rule);
    table.forEach(
        (label, cells) ->
            System.out.println("| " + label + " | " + String.join(" | ", cells) + " |"));
  }
}
