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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The REST benchmark of docs/performance.md: the standalone server on PostgreSQL driven over HTTP
 * by a closed-loop load generator ({@code bench.threads} client threads, each with its own
 * keep-alive connection), beside the SDK doing the same operation in the same JVM, on the same
 * database and pool, one after the other. The operation is a debit of 1 credit ({@code POST
 * .../adjustments} DEDUCT; {@code CreditLedger.deductManually}), (a) over 1,000 organizations and
 * (b) on one hot organization, each with and without an idempotency key; (c) usage ({@code POST
 * .../usage}; {@code CreditLedger.consume}, coalesced by default) on the hot organization; (d)
 * usage in batches ({@code POST .../usage/batch} of {@code bench.batch} items, each to a random one
 * of the 1,000 organizations, or all to one) against single keyed usage POSTs, in credits debited
 * per second, and beside them {@link RawUsage}, the same rows written by plain SQL as single
 * transactions and as batches: the ratio the database itself allows. Prints requests/s, p50 and p99
 * latency, errors and the JVM's CPU time per call (server and load generator together: a figure the
 * machine's other load moves far less than throughput) per configuration and the HTTP/SDK ratios;
 * asserts only correctness (no errors, no deadlocks, reconcile and verify clean), never timings.
 *
 * <p>Run: {@code mvn -B verify -Pbenchmark -pl samples/standalone-server -am -Dtest=HttpBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

  /**
   * The HTTP load generator: {@code java} (default; client threads in this JVM, a
   * java.net.http.HttpClient each) or {@code wrk} (Debian's wrk, outside the JVM, 2 threads and
   * {@code bench.threads} connections, so that the server's CPU is not shared with its clients).
   */
  private static final boolean WRK = "wrk".equals(System.getProperty("bench.loadgen", "java"));

  /** Items per {@code POST /usage/batch} in (d). */
  private static final int BATCH = Integer.getInteger("bench.batch", 100);

  /** Rounds of (d): batches of each kind, then single POSTs, after a first single run. */
  private static final int ROUNDS = Math.max(1, Integer.getInteger("bench.rounds", 3));

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
    orgs = new ArrayList<>();
    for (int i = 0; i <= ORGS; i++) {
      orgs.add(funded(i == ORGS ? "hot" : "org-" + i));
    }
    // Every path compiled before anything is measured, whichever test runs first: a run of (d)
    // right after a warm-up of DEDUCT alone measured usage POSTs while the JIT still compiled them.
    for (Debit debit : Debit.values()) {
      for (boolean keyed : new boolean[] {false, true}) {
        run(i -> sdk(debit, org(i), keyed), WARMUP, Duration.ZERO);
        run(i -> http(debit, org(i), keyed), WARMUP, Duration.ZERO);
      }
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
  @Order(1)
  void spreadOverOrganizations() throws Exception {
    compare("a", ORGS + " orgs", Debit.DEDUCT, null);
  }

  @Test
  @Order(2)
  void oneHotOrganization() throws Exception {
    compare("b", "1 hot org", Debit.DEDUCT, "hot");
  }

  /**
   * (c) Usage ({@code POST .../usage}; {@code CreditLedger.consume}) on the hot organization: the
   * SDK coalesces concurrent consumes of one wallet (its default), the API's keyless POSTs too; a
   * POST under an Idempotency-Key joins its request's transaction and runs alone.
   */
  @Test
  @Order(3)
  void oneHotOrganizationUsage() throws Exception {
    compare("c", "usage, hot", Debit.USAGE, "hot");
  }

  /**
   * (d) Usage in batches: each client thread posts {@code POST /usage/batch} of {@link #BATCH}
   * items, each 1 credit to an organization picked at random among the 1,000, each under its own
   * key, against the same debits as single keyed {@code POST .../usage} requests. The figure is
   * credits debited per second (one per item, one per single request); every item must answer 201.
   * Single runs and batch runs alternate for {@code bench.rounds} rounds (default 3); each round's
   * batches are compared with the higher of the single runs just before and just after them.
   */
  @Test
  @Order(4)
  void usageInBatches() throws Exception {
    long deadlocksBefore = deadlocks();
    // Rounds that alternate single POSTs and batches, each batch run between two single runs and
    // compared with the higher of them: the single figure moves with the JIT and the machine's
    // other load more than the batches do, so a ratio of neighbours under the same conditions is
    // the fair one, and the rounds show its spread.
    List<Result> singles = new ArrayList<>();
    List<Result> spreads = new ArrayList<>();
    List<Result> perOrganizations = new ArrayList<>();
    singles.add(httpRun(Debit.USAGE, null, true));
    for (int round = 0; round < ROUNDS; round++) {
      spreads.add(WRK ? wrk(batchScript(false)) : run(i -> usageBatch(null), WARMUP, MEASURE));
      perOrganizations.add(
          WRK ? wrk(batchScript(true)) : run(i -> usageBatch(org(i)), WARMUP, MEASURE));
      singles.add(httpRun(Debit.USAGE, null, true));
    }
    RawUsage raw = rawWallets();
    Result rawSingle = run(i -> raw.single(i % raw.size()), WARMUP, MEASURE);
    Result rawSpread = run(i -> raw.batch(randomWallets(raw.size(), null)), WARMUP, MEASURE);
    Result rawOne = run(i -> raw.batch(randomWallets(raw.size(), i % raw.size())), WARMUP, MEASURE);
    long deadlocks = deadlocks() - deadlocksBefore;
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "(d) usage, %d orgs, batches of %d items, %d rounds; single keyed POSTs %s%n",
                ORGS,
                BATCH,
                ROUNDS,
                singles.get(0)));
    double[] spreadRatios = new double[ROUNDS];
    double[] perOrganizationRatios = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      double single = Math.max(singles.get(round).perSecond(), singles.get(round + 1).perSecond());
      double spreadCredits = spreads.get(round).perSecond() * BATCH;
      double perOrganizationCredits = perOrganizations.get(round).perSecond() * BATCH;
      spreadRatios[round] = spreadCredits / single;
      perOrganizationRatios[round] = perOrganizationCredits / single;
      line.append(
          String.format(
              Locale.ROOT,
              "  round %d: each item to a random org %s = %.0f credits/s | batch/single %.2f%n"
                  + "           all to one random org    %s = %.0f credits/s | batch/single %.2f%n"
                  + "           single keyed POSTs        %s%n",
              round + 1,
              spreads.get(round),
              spreadCredits,
              spreadRatios[round],
              perOrganizations.get(round),
              perOrganizationCredits,
              perOrganizationRatios[round],
              singles.get(round + 1)));
    }
    double lastSingle = singles.get(ROUNDS).perSecond();
    line.append(
        String.format(
            Locale.ROOT,
            "  raw SQL, the same rows written (no HTTP, JSON, JPA or hashing), on wallets of its own:%n"
                + "           single debits           %s%n"
                + "           each item to a random wallet %s = %.0f credits/s | raw batch/raw single"
                + " %.2f, /last single POSTs %.2f%n"
                + "           all to one random wallet     %s = %.0f credits/s | raw batch/raw single"
                + " %.2f, /last single POSTs %.2f%n",
            rawSingle,
            rawSpread,
            rawSpread.perSecond() * BATCH,
            rawSpread.perSecond() * BATCH / rawSingle.perSecond(),
            rawSpread.perSecond() * BATCH / lastSingle,
            rawOne,
            rawOne.perSecond() * BATCH,
            rawOne.perSecond() * BATCH / rawSingle.perSecond(),
            rawOne.perSecond() * BATCH / lastSingle));
    line.append(
        String.format(
            Locale.ROOT,
            "  batch/single (each against the higher of its neighbouring single runs):"
                + " random orgs %s, one org %s | deadlocks %d",
            spreadOf(spreadRatios),
            spreadOf(perOrganizationRatios),
            deadlocks));
    RESULTS.put("d", line.toString());
    System.out.println(line);
    long errors =
        Stream.of(singles, spreads, perOrganizations, List.of(rawSingle, rawSpread, rawOne))
            .flatMap(List::stream)
            .mapToLong(Result::errors)
            .sum();
    assertThat(errors).as("HTTP errors").isZero();
    assertThat(deadlocks).as("deadlocks").isZero();
    LedgerAssertions.assertHealthy(
        ledger,
        orgs.subList(0, Math.min(20, ORGS)).stream().map(o -> WalletRef.of(ws, o)).toList());
    // The reference wrote what a debit writes: its wallets reconcile (their hash chains do not).
    for (int i = 0; i < Math.min(20, ORGS); i++) {
      WalletRef w = WalletRef.of(ws, RAW_PREFIX + i);
      assertThat(ledger.reconcile(w).discrepancies()).as("reconcile(%s)", w).isEmpty();
    }
  }

  private static final String RAW_PREFIX = "raw-";

  /**
   * The raw-SQL reference's wallets: {@link #ORGS} organizations of their own, each granted once
   * (so each has exactly one lot).
   */
  private RawUsage rawWallets() throws SQLException {
    List<String> organizations = new ArrayList<>();
    for (int i = 0; i < ORGS; i++) {
      organizations.add(funded(RAW_PREFIX + i));
    }
    return RawUsage.over(TestDatabase.POSTGRESQL.dataSource(), ws, organizations);
  }

  /** Registers {@code organization} in the workspace with one grant (one lot) of 10⁹ credits. */
  private String funded(String organization) {
    WalletRef w = WalletRef.of(ws, organization);
    server.container().select(Workspaces.class).get().registerOrganization(w, null);
    ledger.grant(GrantRequest.builder(w, new BigDecimal(1_000_000_000), actor).build());
    return organization;
  }

  /** {@link #BATCH} wallet indexes below {@code size}: each random, or all {@code one}. */
  private static List<Integer> randomWallets(int size, Integer one) {
    List<Integer> indexes = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      indexes.add(one != null ? one : ThreadLocalRandom.current().nextInt(size));
    }
    return indexes;
  }

  /** Ratios as {@code median (min–max)}. */
  private static String spreadOf(double[] ratios) {
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return String.format(Locale.ROOT, "median %.2f (%.2f–%.2f)", median, sorted[0], sorted[n - 1]);
  }

  /** One batch of {@link #BATCH} items, all to {@code organization}, or each to a random one. */
  private void usageBatch(String organization) {
    StringBuilder body = new StringBuilder("{\"items\":[");
    for (int i = 0; i < BATCH; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"organization\":\"")
          .append(
              organization != null
                  ? organization
                  : org(ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE)))
          .append("\",\"credits\":1,\"description\":\"bench\",\"idempotencyKey\":\"")
          .append(UUID.randomUUID())
          .append("\"}");
    }
    String answer =
        post("workspaces/" + ws + "/usage/batch", body.append("]}").toString(), null, 200);
    int debited = answer.split("\"status\":201", -1).length - 1;
    if (debited != BATCH) {
      throw new IllegalStateException(debited + " of " + BATCH + " items debited: " + answer);
    }
  }

  /** Compares the SDK and HTTP on {@code organization}, or on a random one of the 1,000 (null). */
  private void compare(String id, String label, Debit debit, String organization) throws Exception {
    IntFunction<String> target = i -> organization != null ? organization : org(i);
    long deadlocksBefore = deadlocks();
    Result sdk = run(i -> sdk(debit, target.apply(i), false), WARMUP, MEASURE);
    Result sdkKeyed = run(i -> sdk(debit, target.apply(i), true), WARMUP, MEASURE);
    Result http = httpRun(debit, organization, false);
    Result httpKeyed = httpRun(debit, organization, true);
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
    assertThat(sdk.errors() + sdkKeyed.errors()).as("SDK errors").isZero();
    assertThat(http.errors() + httpKeyed.errors()).as("HTTP errors").isZero();
    assertThat(deadlocks).as("deadlocks").isZero();
    List<WalletRef> checked =
        !id.equals("a")
            ? List.of(WalletRef.of(ws, "hot"))
            : orgs.subList(0, Math.min(20, ORGS)).stream().map(o -> WalletRef.of(ws, o)).toList();
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
    post(
        "workspaces/"
            + ws
            + "/organizations/"
            + org
            + (debit == Debit.USAGE ? "/usage" : "/adjustments"),
        debit == Debit.USAGE ? USAGE_BODY : BODY,
        keyed ? UUID.randomUUID().toString() : null,
        201);
  }

  /** POSTs {@code body} as the team user; the answer's body, or an exception for another status. */
  private String post(String path, String body, String idempotencyKey, int expectedStatus) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUri() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
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
    if (r.statusCode() != expectedStatus) {
      throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /**
   * HTTP requests of one kind by the configured load generator, to one or a random organization.
   */
  private Result httpRun(Debit debit, String organization, boolean keyed) {
    if (!WRK) {
      return run(
          i -> http(debit, organization != null ? organization : org(i), keyed), WARMUP, MEASURE);
    }
    String request =
        headers()
            + (keyed ? "  headers[\"Idempotency-Key\"] = key()\n" : "")
            + "  return wrk.format(\"POST\", \""
            + basePath()
            + "organizations/\" .. org() .. \""
            + (debit == Debit.USAGE ? "/usage" : "/adjustments")
            + "\", headers, [["
            + (debit == Debit.USAGE ? USAGE_BODY : BODY)
            + "]])\n";
    return wrk(script(organization, request, "  if status ~= 201 then bad = bad + 1 end\n"));
  }

  /** A wrk script posting usage batches, all items to one random organization or each to one. */
  private String batchScript(boolean oneOrganization) {
    String request =
        headers()
            + "  local items = {}\n"
            + "  local one = org()\n"
            + "  for i = 1, "
            + BATCH
            + " do\n"
            + "    items[i] = '{\"organization\":\"' .. "
            + (oneOrganization ? "one" : "org()")
            + " .. '\",\"credits\":1,\"description\":\"bench\",\"idempotencyKey\":\"' .. key()"
            + " .. '\"}'\n"
            + "  end\n"
            + "  return wrk.format(\"POST\", \""
            + basePath()
            + "usage/batch\", headers, '{\"items\":[' .. table.concat(items, \",\") .. ']}')\n";
    String response =
        "  local _, debited = string.gsub(body, '\"status\":201', '')\n"
            + "  if status ~= 200 or debited ~= "
            + BATCH
            + " then bad = bad + 1 end\n";
    return script(null, request, response);
  }

  /** Lua lines that make {@code headers}: the team login's and a JSON body's. */
  private String headers() {
    return "  local headers = {}\n"
        + "  headers[\"Authorization\"] = \""
        + auth
        + "\"\n"
        + "  headers[\"Content-Type\"] = \"application/json\"\n";
  }

  /** The workspace's path on the server, ending with a slash. */
  private String basePath() {
    return server.baseUri().getPath() + "workspaces/" + ws + "/";
  }

  /**
   * A wrk script: {@code request} builds each request (with {@code org()}, the target organization,
   * and {@code key()}, a fresh idempotency key), {@code response} counts the answers that are not
   * what the configuration expects in {@code bad}; {@code done} prints the figures.
   */
  private static String script(String organization, String request, String response) {
    return "local threads = {}\n"
        + "local prefix = nil\n"
        + "local counter = 0\n"
        + "bad = 0\n"
        + "function setup(thread)\n"
        + "  table.insert(threads, thread)\n"
        + "  thread:set(\"tid\", #threads)\n"
        + "end\n"
        + "function init(args)\n"
        + "  prefix = args[1]\n"
        + "  math.randomseed(os.time() * 1000 + tid)\n"
        + "end\n"
        + "function org()\n"
        + (organization != null
            ? "  return \"" + organization + "\"\n"
            : "  return \"org-\" .. math.random(0, " + (ORGS - 1) + ")\n")
        + "end\n"
        + "function key()\n"
        + "  counter = counter + 1\n"
        + "  return prefix .. \"-\" .. tid .. \"-\" .. counter\n"
        + "end\n"
        + "request = function()\n"
        + request
        + "end\n"
        + "response = function(status, headers, body)\n"
        + "  local before = bad\n"
        + response
        + "  if before == 0 and bad == 1 then\n"
        + "    io.write(\"BAD \" .. status .. \" \" .. string.sub(body, 1, 400) .. \"\\n\")\n"
        + "  end\n"
        + "end\n"
        + "function done(summary, latency, requests)\n"
        + "  local b = 0\n"
        + "  for _, t in ipairs(threads) do b = b + t:get(\"bad\") end\n"
        + "  local e = summary.errors\n"
        + "  io.write(string.format(\"RESULT %d %d %d %d %d %d\\n\", summary.requests,"
        + " summary.duration, e.connect + e.read + e.write + e.status + e.timeout, b,"
        + " latency:percentile(50), latency:percentile(99)))\n"
        + "end\n";
  }

  /** Runs {@code script} with wrk: a warm-up, then the measured run. */
  private WrkRun wrk(String script) {
    try {
      Path file = Files.createTempFile("credits4j-bench", ".lua");
      try {
        Files.writeString(file, script);
        WrkRun warmup = wrkOnce(file, WARMUP);
        WrkRun measured = wrkOnce(file, MEASURE);
        return new WrkRun(
            measured.perSecond,
            measured.p50Ms,
            measured.p99Ms,
            warmup.errors + measured.errors,
            measured.cpuMsPerCall);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private WrkRun wrkOnce(Path script, Duration duration) throws IOException {
    URI base = server.baseUri();
    long cpuBefore = PROCESS.getProcessCpuTime();
    Process p =
        new ProcessBuilder(
                "wrk",
                "-t",
                "2",
                "-c",
                String.valueOf(THREADS),
                "-d",
                duration.toSeconds() + "s",
                "--timeout",
                "30s",
                "-s",
                script.toString(),
                base.getScheme() + "://" + base.getHost() + ":" + base.getPort(),
                "--",
                UUID.randomUUID().toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IllegalStateException("wrk failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    long cpu = PROCESS.getProcessCpuTime() - cpuBefore;
    String line =
        out.lines()
            .filter(l -> l.startsWith("RESULT "))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no RESULT line from wrk: " + out));
    String[] f = line.split(" ");
    long requests = Long.parseLong(f[1]);
    double seconds = Long.parseLong(f[2]) / 1e6;
    long errors = Long.parseLong(f[3]) + Long.parseLong(f[4]);
    if (errors > 0) {
      System.out.println(
          "wrk reported errors (the first unexpected answer of each thread): " + out);
    }
    return new WrkRun(
        requests / seconds,
        Long.parseLong(f[5]) / 1e3,
        Long.parseLong(f[6]) / 1e3,
        errors,
        cpu / 1e6 / Math.max(1, requests));
  }

  /** What wrk measured; the CPU is this JVM's alone (the server's), wrk runs outside it. */
  private record WrkRun(
      double perSecond, double p50Ms, double p99Ms, long errors, double cpuMsPerCall)
      implements Result {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%6.0f/s p50 %5.1f ms p99 %6.1f ms errors %d, server CPU %.2f ms/call (wrk)",
          perSecond,
          p50Ms,
          p99Ms,
          errors,
          cpuMsPerCall);
    }
  }

  private interface Op {
    void run(int random);
  }

  /** Runs {@code op} on THREADS threads, closed loop: a warm-up, then a measured window. */
  private static Run run(Op op, Duration warmup, Duration measure) {
    Run r = new Run(measure);
    long cpuBefore = PROCESS.getProcessCpuTime();
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
                      r.calls.incrementAndGet();
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
    r.cpuNanos = PROCESS.getProcessCpuTime() - cpuBefore;
    return r;
  }

  /** The JVM's CPU time, for the CPU each call costs this process (server and clients). */
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** What one configuration measured. */
  private interface Result {
    double perSecond();

    long errors();
  }

  private static final class Run implements Result {
    final AtomicLong errors = new AtomicLong();

    /** Successful calls, warm-up included. */
    final AtomicLong calls = new AtomicLong();

    /** The JVM's CPU time over the warm-up and the measured window. */
    long cpuNanos;

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

    @Override
    public double perSecond() {
      return sorted().length / (measure.toNanos() / 1e9);
    }

    @Override
    public long errors() {
      return errors.get();
    }

    @Override
    public String toString() {
      long[] all = sorted();
      if (all.length == 0) {
        return "no requests";
      }
      return String.format(
          Locale.ROOT,
          "%6.0f/s p50 %5.1f ms p99 %6.1f ms errors %d, JVM CPU %.2f ms/call",
          all.length / (measure.toNanos() / 1e9),
          all[(int) (all.length * 0.50)] / 1e6,
          all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6,
          errors.get(),
          cpuNanos / 1e6 / Math.max(1, calls.get()));
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
