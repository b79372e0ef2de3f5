package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.Workspaces;
import dev.credits4j.rest.server.Api;
import dev.credits4j.testing.LedgerAssertions;
import dev.credits4j.testing.TestDatabase;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The REST benchmark of docs/performance.md: the standalone server on PostgreSQL driven over HTTP
 * by a closed-loop load generator ({@code bench.threads} client threads, each with its own
 * keep-alive connection), beside the SDK doing the same operation in the same JVM, on the same
 * database and pool, one after the other. The operation is a debit of 1 credit ({@code POST
 * .../adjustments} DEDUCT; {@code CreditLedger.deductManually}), (a) over 1,000 organizations and
 * (b) on one hot organization, each with and without an idempotency key; (c) usage ({@code POST
 * .../usage}; {@code CreditLedger.consume}, coalesced by default) on the hot organization. Prints
 * requests/s, p50 and p99 latency and errors per configuration and the HTTP/SDK ratios; asserts
 * only correctness (no errors, no deadlocks, reconcile and verify clean), never timings.
 *
 * <p>Run: {@code mvn -B verify -Pbenchmark -pl samples/standalone-server -am -Dtest=HttpBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpBenchmark {
  private static final int THREADS = Integer.getInteger("bench.threads", 16);
  private static final int ORGS = Integer.getInteger("bench.wallets", 1000);
  private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 5));
  private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
  private static final String BODY =
      "{\"direction\":\"DEDUCT\",\"credits\":1,\"reason\":\"CORRECTION\",\"description\":\"bench\"}";
  private static final String USAGE_BODY = "{\"credits\":1,\"description\":\"bench\"}";

  /** The debit measured: a manual deduction, or usage (which the SDK coalesces when it can). */
  private enum Debit {
    DEDUCT,
    USAGE
  }

  private static final Map<String, String> RESULTS = new ConcurrentHashMap<>();

  private StandaloneServer server;
  private CreditLedger ledger;
  private String ws;
  private List<String> orgs;
  private String auth;
  private Actor actor;

  @BeforeAll
  void setUp() {
    TestDatabase db = TestDatabase.POSTGRESQL;
    db.dataSource(); // creates and migrates this JVM's database
    server =
        StandaloneServer.start(
            new ServerConfig(
                "localhost", 0, db.url(), db.user(), db.password(), TestServer.USERS, false, null));
    Api api = new Api(server.baseUri());
    ws = api.newWorkspace("admin", Map.of("team", "team"), Map.of());
    auth =
        "Basic "
            + Base64.getEncoder().encodeToString("team:team-demo".getBytes(StandardCharsets.UTF_8));
    actor = Actor.team("team", "team");
    ledger = server.container().select(CreditLedger.class).get();
    Workspaces workspaces = server.container().select(Workspaces.class).get();
    orgs = new ArrayList<>();
    for (int i = 0; i <= ORGS; i++) {
      String org = i == ORGS ? "hot" : "org-" + i;
      WalletRef w = WalletRef.of(ws, org);
      workspaces.registerOrganization(w, null);
      ledger.grant(GrantRequest.builder(w, new BigDecimal(1_000_000_000), actor).build());
      orgs.add(org);
    }
    // Both paths compiled before anything is measured.
    for (boolean keyed : new boolean[] {false, true}) {
      run(i -> sdk(Debit.DEDUCT, org(i), keyed), WARMUP, Duration.ZERO);
      run(i -> http(Debit.DEDUCT, org(i), keyed), WARMUP, Duration.ZERO);
    }
  }

  private String org(int random) {
    return orgs.get(random % ORGS);
  }

  @AfterAll
  void tearDown() {
    System.out.println();
    System.out.println(
        "=== credits4j HTTP benchmark (standalone server on PostgreSQL, DEDUCT 1 credit, "
            + THREADS
            + " client threads, "
            + MEASURE.toSeconds()
            + " s per run, "
            + Runtime.getRuntime().availableProcessors()
            + " cores shared by server, clients and PostgreSQL) ===");
    RESULTS.keySet().stream().sorted().forEach(k -> System.out.println(RESULTS.get(k)));
    if (server != null) {
      server.close();
    }
  }

  @Test
  void spreadOverOrganizations() throws Exception {
    compare("a", ORGS + " orgs", Debit.DEDUCT, this::org);
  }

  @Test
  void oneHotOrganization() throws Exception {
    compare("b", "1 hot org", Debit.DEDUCT, i -> "hot");
  }

  /**
   * (c) Usage ({@code POST .../usage}; {@code CreditLedger.consume}) on the hot organization: the
   * SDK coalesces concurrent consumes of one wallet (its default), the API's keyless POSTs too; a
   * POST under an Idempotency-Key joins its request's transaction and runs alone.
   */
  @Test
  void oneHotOrganizationUsage() throws Exception {
    compare("c", "usage, hot", Debit.USAGE, i -> "hot");
  }

  private void compare(String id, String label, Debit debit, IntFunction<String> target)
      throws Exception {
    long deadlocksBefore = deadlocks();
    Run sdk = run(i -> sdk(debit, target.apply(i), false), WARMUP, MEASURE);
    Run sdkKeyed = run(i -> sdk(debit, target.apply(i), true), WARMUP, MEASURE);
    Run http = run(i -> http(debit, target.apply(i), false), WARMUP, MEASURE);
    Run httpKeyed = run(i -> http(debit, target.apply(i), true), WARMUP, MEASURE);
    long deadlocks = deadlocks() - deadlocksBefore;
    String line =
        String.format(
            Locale.ROOT,
            "(%s) %-10s no key: SDK %s | HTTP %s | HTTP/SDK %.2f%n"
                + "    %-10s with Idempotency-Key: SDK %s | HTTP %s | HTTP/SDK %.2f | deadlocks %d",
            id,
            label,
            sdk,
            http,
            http.perSecond() / sdk.perSecond(),
            "",
            sdkKeyed,
            httpKeyed,
            httpKeyed.perSecond() / sdkKeyed.perSecond(),
            deadlocks);
    RESULTS.put(id, line);
    System.out.println(line);
    assertThat(sdk.errors.get() + sdkKeyed.errors.get()).as("SDK errors").isZero();
    assertThat(http.errors.get() + httpKeyed.errors.get()).as("HTTP errors").isZero();
    assertThat(deadlocks).as("deadlocks").isZero();
    List<WalletRef> checked =
        !id.equals("a")
            ? List.of(WalletRef.of(ws, "hot"))
            : orgs.subList(0, 20).stream().map(o -> WalletRef.of(ws, o)).toList();
    LedgerAssertions.assertHealthy(ledger, checked);
  }

  private void sdk(Debit debit, String org, boolean keyed) {
    String key = keyed ? UUID.randomUUID().toString() : null;
    if (debit == Debit.USAGE) {
      ledger.consume(ConsumeRequest.of(WalletRef.of(ws, org), BigDecimal.ONE, actor, key));
      return;
    }
    ledger.deductManually(
        new AdjustmentRequest(
            WalletRef.of(ws, org),
            BigDecimal.ONE,
            ReasonCode.CORRECTION,
            "bench",
            null,
            actor,
            key));
  }

  /** One client thread's connection. */
  private static final ThreadLocal<HttpClient> CLIENT =
      ThreadLocal.withInitial(
          () ->
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(Duration.ofSeconds(10))
                  .build());

  private void http(Debit debit, String org, boolean keyed) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(
                    server.baseUri()
                        + "workspaces/"
                        + ws
                        + "/organizations/"
                        + org
                        + (debit == Debit.USAGE ? "/usage" : "/adjustments")))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(debit == Debit.USAGE ? USAGE_BODY : BODY));
    if (keyed) {
      b.header("Idempotency-Key", UUID.randomUUID().toString());
    }
    HttpResponse<String> r;
    try {
      r = CLIENT.get().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (r.statusCode() != 201) {
      throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
    }
  }

  private interface Op {
    void run(int random);
  }

  /** Runs {@code op} on THREADS threads, closed loop: a warm-up, then a measured window. */
  private static Run run(Op op, Duration warmup, Duration measure) {
    Run r = new Run(measure);
    long warmupEnd = System.nanoTime() + warmup.toNanos();
    long end = warmupEnd + measure.toNanos();
    CountDownLatch done = new CountDownLatch(THREADS);
    for (int t = 0; t < THREADS; t++) {
      Thread thread =
          new Thread(
              () -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                try {
                  while (true) {
                    long start = System.nanoTime();
                    if (start >= end) {
                      break;
                    }
                    try {
                      op.run(ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE));
                      if (start >= warmupEnd) {
                        if (n == latencies.length) {
                          latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = System.nanoTime() - start;
                      }
                    } catch (RuntimeException e) {
                      if (r.errors.incrementAndGet() == 1) {
                        e.printStackTrace();
                      }
                    }
                  }
                } finally {
                  r.add(Arrays.copyOf(latencies, n));
                  done.countDown();
                }
              });
      thread.start();
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return r;
  }

  private static final class Run {
    final AtomicLong errors = new AtomicLong();
    final Duration measure;
    private final List<long[]> parts = new ArrayList<>();

    Run(Duration measure) {
      this.measure = measure;
    }

    synchronized void add(long[] latencies) {
      parts.add(latencies);
    }

    synchronized long[] sorted() {
      long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
      Arrays.sort(all);
      return all;
    }

    double perSecond() {
      return sorted().length / (measure.toNanos() / 1e9);
    }

    @Override
    public String toString() {
      long[] all = sorted();
      if (all.length == 0) {
        return "no requests";
      }
      return String.format(
          Locale.ROOT,
          "%6.0f/s p50 %5.1f ms p99 %6.1f ms errors %d",
          all.length / (measure.toNanos() / 1e9),
          all[(int) (all.length * 0.50)] / 1e6,
          all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6,
          errors.get());
    }
  }

  private static long deadlocks() throws SQLException {
    try (Connection c = TestDatabase.POSTGRESQL.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select deadlocks from pg_stat_database where datname = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
