package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.LedgerKeys;
import dev.credits4j.api.WalletRef;
import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.Api.Reply;
import dev.credits4j.testing.LedgerAssertions;
import dev.credits4j.testing.PrivatePostgres;
import dev.credits4j.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The database restarted under load: a private PostgreSQL 15 ({@link PrivatePostgres}: initdb into
 * a temporary directory, its own loopback port, trust authentication; the shared server is never
 * touched) under a standalone server process and a multi-thread load of additions and deductions,
 * each with its own Idempotency-Key. PostgreSQL is restarted ({@code pg_ctl restart -m fast}) and
 * then crashed ({@code -m immediate}) and kept down: meanwhile the API answers 503 problem+json
 * with {@code Retry-After} and {@code /health} says DOWN within seconds. Every request whose
 * outcome the client did not learn is retried with its key until answered. Then, in SQL and through
 * the SDK: every acknowledged request applied exactly once, nothing else applied, every invariant
 * and hash chain verified.
 *
 * <p>Runs in the default build for a few seconds of load; {@code -Dcredits.fault.seconds=N} for a
 * longer one. Skipped where PostgreSQL 15's binaries are not installed.
 */
class DatabaseRestartTest {
  private static final int SECONDS = Integer.getInteger("credits.fault.seconds", 4);
  private static final int CLIENTS = 6;
  private static final int ORGANIZATIONS = 4;
  private static final String LEDGER_KEYS =
      "r1:" + Base64.getEncoder().encodeToString(TestDatabase.key(11));

  private PrivatePostgres pg;
  private Process server;
  private Api api;
  private final Map<String, BigDecimal> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> additions = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

  @Test
  void postgresRestartedAndCrashedUnderLoadLosesNothingAndDoublesNothing() throws Exception {
    PrivatePostgres.unavailable().ifPresent(reason -> Assumptions.abort("skipped: " + reason));
    pg = PrivatePostgres.create();
    try {
      pg.start();
      pg.execute("CREATE DATABASE credits");
      String url = pg.url("credits");
      startServer(url);
      run(url);
    } finally {
      if (server != null) {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
      pg.close();
    }
  }

  private void run(String url) throws Exception {
    for (int i = 0; i < ORGANIZATIONS; i++) {
      String org = "org-" + i;
      assertThat(api.put("team", path("organizations/" + org), "{}").status()).isIn(200, 201);
      acknowledged.put(org, BigDecimal.ZERO);
      additions.put(org, new AtomicInteger());
    }
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> work = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      SplittableRandom random = new SplittableRandom(17L * c + 3);
      work.add(
          clients.submit(
              () -> {
                while (!stop.get()) {
                  step(random);
                }
                return null;
              }));
    }
    try {
      Pauses.pause(SECONDS * 500L);
      pg.restart("fast");
      count("pg-restarted");
      Pauses.pause(SECONDS * 500L);

      // A crash, and the database kept down: 503 with Retry-After, health DOWN within seconds.
      pg.stop("immediate");
      count("pg-crashed");
      long down = System.nanoTime();
      Reply health = api.get(null, "health");
      while (health.status() == 200 && System.nanoTime() - down < TimeUnit.SECONDS.toNanos(10)) {
        Pauses.pause(100);
        health = api.get(null, "health");
      }
      assertThat(health.status()).as(health.toString()).isEqualTo(503);
      assertThat(health.json().getString("status")).isEqualTo("DOWN");
      assertThat(System.nanoTime() - down).isLessThan(TimeUnit.SECONDS.toNanos(10));
      Reply refused =
          api.post(
              "team",
              path("organizations/org-0/adjustments"),
              "{\"direction\":\"ADD\",\"credits\":1,\"reason\":\"BONUS\"}",
              "down-" + UUID.randomUUID());
      assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.header("Retry-After")).isNotBlank();
      assertThat(refused.json().getString("code")).isEqualTo("database-unavailable");
      Pauses.pause(1000);
      pg.start();
      Pauses.pause(SECONDS * 500L);
    } finally {
      stop.set(true);
      for (Future<?> f : work) {
        f.get(5, TimeUnit.MINUTES);
      }
      clients.shutdownNow();
    }

    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(url);
    pool.setUsername("postgres");
    pool.setMaximumPoolSize(2);
    try (HikariDataSource ds = new HikariDataSource(pool);
        Credits4j sdk =
            Credits4j.builder().dataSource(ds).ledgerKeys(LedgerKeys.parse(LEDGER_KEYS)).build()) {
      List<WalletRef> wallets = new ArrayList<>();
      for (String org : acknowledged.keySet()) {
        WalletRef w = WalletRef.of("demo", org);
        wallets.add(w);
        assertThat(sdk.ledger().balance(w).balance())
            .as("%s: what the server acknowledged, once", org)
            .isEqualByComparingTo(acknowledged.get(org));
        assertThat(LedgerAssertions.entries(sdk.ledger(), w, EntryType.MANUAL_ADDITION))
            .as("each acknowledged addition to %s once", org)
            .hasSize(additions.get(org).get());
      }
      LedgerAssertions.assertHealthy(sdk.ledger(), wallets);
    }
    assertThat(outcomes.getOrDefault("201", new AtomicInteger()).get()).isPositive();
    System.out.printf("DatabaseRestartTest: %d s of load: %s%n", SECONDS * 3 / 2, outcomes);
  }

  /** One addition or deduction, sent until its outcome is known, always with the same key. */
  private void step(SplittableRandom random) {
    String org = "org-" + random.nextInt(ORGANIZATIONS);
    boolean add = random.nextInt(3) > 0;
    int credits = 1 + random.nextInt(20);
    String key = "fault-" + UUID.randomUUID();
    String json =
        "{\"direction\":\""
            + (add ? "ADD" : "DEDUCT")
            + "\",\"credits\":"
            + credits
            + ",\"reason\":\""
            + (add ? "BONUS\"" : "CORRECTION\",\"description\":\"metered overage\"")
            + "}";
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      Reply r;
      try {
        r = api.post("team", path("organizations/" + org + "/adjustments"), json, key);
      } catch (UncheckedIOException lost) {
        count("unknown-retried");
        Pauses.pause(100);
        continue;
      }
      if (r.status() == 503 || r.status() == 409 && "idempotency-key-in-use".equals(code(r))) {
        assertThat(r.header("Retry-After")).as(r.toString()).isNotBlank();
        count(r.status() + "-retried");
        assertThat(System.nanoTime()).as("%s never answered", key).isLessThan(deadline);
        Pauses.pause(200);
        continue;
      }
      count(r.status() + ("true".equals(r.header("Idempotent-Replayed")) ? "-replayed" : ""));
      assertThat(r.status()).as("%s: %s", json, r).isIn(201, 402);
      if (r.status() == 201) {
        acknowledged.merge(org, BigDecimal.valueOf(add ? credits : -credits), BigDecimal::add);
        if (add) {
          additions.get(org).incrementAndGet();
        }
      }
      return;
    }
  }

  private static String code(Reply r) {
    try {
      return r.json().getString("code", "");
    } catch (RuntimeException notJson) {
      return "";
    }
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
  }

  private void startServer(String url) throws IOException {
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            testClassPath(),
            StandaloneServer.class.getName());
    pb.environment()
        .putAll(
            Map.of(
                "CREDITS_HOST", "127.0.0.1",
                "CREDITS_PORT", Integer.toString(port),
                "CREDITS_DB_URL", url,
                "CREDITS_DB_USER", "postgres",
                "CREDITS_DB_PASSWORD", "",
                "CREDITS_JOBS", "off",
                "CREDITS_DB_CONNECT_TIMEOUT", "2",
                "CREDITS_LEDGER_KEYS", LEDGER_KEYS));
    Path log = Files.createDirectories(Path.of("target", "fault")).resolve("server.log");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    server = pb.start();
    api = new Api(URI.create("http://127.0.0.1:" + port + "/api/v1/"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (true) {
      assertThat(server.isAlive()).as("the server runs (see %s)", log).isTrue();
      try {
        if (api.get(null, "health").status() == 200) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      assertThat(System.nanoTime()).as("the server came up").isLessThan(deadline);
      Pauses.pause(200);
    }
  }

  private static String path(String rest) {
    return "workspaces/demo/" + rest;
  }

  private static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
