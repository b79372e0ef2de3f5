package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AllotmentGrantView;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LedgerKeys;
import dev.credits4j.api.WalletRef;
import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.Api.Reply;
import dev.credits4j.testing.LedgerAssertions;
import dev.credits4j.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three standalone server processes on one PostgreSQL database, each running every scheduled job
 * every second, under a mixed load spread across them; one node is killed with SIGKILL mid-load and
 * started again. Clients that lose a node send the same request, with the same Idempotency-Key, to
 * the next one. Afterwards, read through the SDK on the same database: every invariant on every
 * wallet (reconcile and verify clean), each organization's balance equal to what the nodes
 * acknowledged (additions, deductions and transfers, minus what the expiry sweeps expired), each
 * acknowledged addition in the ledger exactly once, and each allotment period granted once although
 * three nodes raced to grant five missed days. Then usage batches (whose keys are claimed outside a
 * transaction, under a lease) are caught in flight by a second kill: their retries on the other
 * nodes must run within a few seconds, once the dead node's leases run out, with one effect.
 *
 * <p>The nodes are separate JVMs: one JVM holds one standalone server (Jersey's CDI integration
 * serves every server in a JVM from the first Weld container). Size with {@code
 * -Dcredits.cluster.ops=N} (default 240).
 */
@Tag("database")
class ClusterTest {
  private static final int NODES = 3;
  private static final int CLIENTS = 4;
  private static final int OPERATIONS = Integer.getInteger("credits.cluster.ops", 240);
  private static final int ORGANIZATIONS = 6;
  private static final int BATCH_ITEMS = 1000;
  private static final String WORKSPACE = "demo";
  private static final String LEDGER_KEYS =
      "c1:" + Base64.getEncoder().encodeToString(TestDatabase.key(7));

  /** One server process. */
  private static final class Node {
    final int index;
    final Map<String, String> env;
    final Path log;
    Process process;
    volatile Api api;

    Node(int index, Map<String, String> env, Path log) {
      this.index = index;
      this.env = env;
      this.log = log;
    }

    void start() throws IOException {
      int port = freePort();
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-cp",
              testClassPath(),
              StandaloneServer.class.getName());
      pb.environment().putAll(env);
      pb.environment().put("CREDITS_PORT", Integer.toString(port));
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      process = pb.start();
      api = new Api(URI.create("http://127.0.0.1:" + port + "/api/v1/"));
    }

    void awaitHealthy() {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (System.nanoTime() < deadline) {
        assertThat(process.isAlive()).as("node %d is running (see %s)", index, log).isTrue();
        try {
          if (api.get(null, "health").status() == 200) {
            return;
          }
        } catch (UncheckedIOException notYet) {
          // not listening yet
        }
        Pauses.pause(200);
      }
      throw new AssertionError("node " + index + " did not come up; see " + log);
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no orderly close
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    void stop() throws InterruptedException {
      if (process != null && process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextNode = new AtomicInteger();
  // What the nodes acknowledged, per organization: credits added, deducted, moved out and in.
  private final Map<String, BigDecimal> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> additions = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

  @Test
  void threeNodesOneDatabaseANodeKilledMidLoadNothingLostOrDoubled() throws Exception {
    TestDatabase db = TestDatabase.current();
    assumeTrue(db == TestDatabase.POSTGRESQL, "PostgreSQL: several nodes share one database");
    String name =
        "credits_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String url = db.url().replaceAll("/[^/?]*(\\?.*)?$", "/" + name + "$1");
    Path logs = Files.createDirectories(Path.of("target", "cluster"));
    try (Connection admin = db.dataSource().getConnection();
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + name);
      try {
        run(db, url, logs);
      } finally {
        for (Node n : nodes) {
          n.stop();
        }
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  private void run(TestDatabase db, String url, Path logs) throws Exception {
    Map<String, String> env =
        Map.of(
            "CREDITS_HOST",
            "127.0.0.1",
            "CREDITS_DB_URL",
            url,
            "CREDITS_DB_USER",
            db.user(),
            "CREDITS_DB_PASSWORD",
            db.password(),
            "CREDITS_JOBS",
            "on",
            "CREDITS_JOBS_INTERVAL",
            "1",
            "CREDITS_LEDGER_KEYS",
            LEDGER_KEYS);
    // All nodes start at once: migrations and the demo workspace's seeding race too.
    for (int i = 0; i < NODES; i++) {
      Path log = logs.resolve("node-" + i + ".log");
      Files.deleteIfExists(log);
      Node n = new Node(i, env, log);
      n.start();
      nodes.add(n);
    }
    nodes.forEach(Node::awaitHealthy);

    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(url);
    pool.setUsername(db.user());
    pool.setPassword(db.password());
    pool.setMaximumPoolSize(4);
    List<WalletRef> wallets = new ArrayList<>();
    List<AllotmentView> allotments = new ArrayList<>();
    try (HikariDataSource ds = new HikariDataSource(pool)) {
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      // Allotments created as of five days ago: the nodes' jobs race to grant the missed days.
      Clock fiveDaysAgo = Clock.offset(Clock.systemUTC(), Duration.ofDays(-5));
      try (Credits4j past =
          Credits4j.builder()
              .dataSource(ds)
              .clock(fiveDaysAgo)
              .ledgerKeys(LedgerKeys.parse(LEDGER_KEYS))
              .build()) {
        for (int i = 0; i < ORGANIZATIONS; i++) {
          String org = "org-" + i;
          assertThat(
                  nodes.get(i % NODES).api.put("team", path("organizations/" + org), "{}").status())
              .isIn(200, 201);
          WalletRef w = WalletRef.of(WORKSPACE, org);
          wallets.add(w);
          acknowledged.put(org, BigDecimal.ZERO);
          additions.put(org, new AtomicInteger());
          if (i % 2 == 0) {
            allotments.add(
                past.allotments()
                    .create(
                        AllotmentRequest.builder(
                                w,
                                BigDecimal.TEN,
                                AllotmentPeriod.DAILY,
                                today.minusDays(5),
                                Actor.team("u-ops", "Ops"))
                            .build()));
          }
        }
      }

      load();
      inFlightKeysAfterAKill(ds);

      // The nodes' jobs catch up: every short-lived grant expired by a sweep, every missed
      // allotment day granted.
      awaitJobs(ds, allotments);
      for (Node n : nodes) {
        assertThat(n.process.isAlive()).as("node %d still running", n.index).isTrue();
      }

      try (Credits4j sdk =
          Credits4j.builder().dataSource(ds).ledgerKeys(LedgerKeys.parse(LEDGER_KEYS)).build()) {
        LedgerAssertions.assertHealthy(sdk.ledger(), wallets);
        for (WalletRef w : wallets) {
          BigDecimal expired = sum(entries(sdk, w, EntryType.EXPIRATION));
          BigDecimal allotted = sum(entries(sdk, w, EntryType.ALLOTMENT));
          assertThat(sdk.ledger().balance(w).balance())
              .as(
                  "%s: acknowledged %s + allotted %s − expired %s",
                  w.organization(), acknowledged.get(w.organization()), allotted, expired)
              .isEqualByComparingTo(
                  acknowledged.get(w.organization()).add(allotted).subtract(expired.abs()));
          assertThat(entries(sdk, w, EntryType.MANUAL_ADDITION))
              .as("each acknowledged addition to %s once", w.organization())
              .hasSize(additions.get(w.organization()).get());
        }
        for (AllotmentView a : allotments) {
          List<AllotmentGrantView> grants = sdk.allotments().grants(a.id());
          Set<LocalDate> periods = new HashSet<>();
          for (AllotmentGrantView g : grants) {
            assertThat(periods.add(g.periodStart()))
                .as("%s granted once for %s", a.id(), g.periodStart())
                .isTrue();
          }
          assertThat(periods)
              .as("every day from five days ago to today granted")
              .hasSizeGreaterThanOrEqualTo(6);
        }
      }
    }
    System.out.printf(
        "ClusterTest: %d operations over %d nodes (one killed and restarted): %s%n",
        OPERATIONS, NODES, outcomes);
  }

  /** The mixed load, spread over the nodes; node 1 is killed halfway and started again. */
  private void load() throws Exception {
    AtomicInteger remaining = new AtomicInteger(OPERATIONS);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> work = new ArrayList<>();
    try {
      for (int c = 0; c < CLIENTS; c++) {
        SplittableRandom random = new SplittableRandom(31L * c + 7);
        work.add(
            clients.submit(
                () -> {
                  int left;
                  while ((left = remaining.getAndDecrement()) > 0) {
                    step(random);
                    if (left == OPERATIONS / 2) {
                      Node victim = nodes.get(1);
                      victim.kill();
                      outcomes
                          .computeIfAbsent("node-killed", k -> new AtomicInteger())
                          .incrementAndGet();
                      victim.start();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get(15, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
    }
    nodes.get(1).awaitHealthy();
  }

  private void step(SplittableRandom random) {
    String org = "org-" + random.nextInt(ORGANIZATIONS);
    String key = "cluster-" + UUID.randomUUID();
    int op = random.nextInt(10);
    if (op < 4) {
      int credits = 1 + random.nextInt(30);
      boolean shortLived = random.nextInt(3) == 0;
      String expiry =
          shortLived
              ? ",\"expiresAt\":\"" + Instant.now().plusSeconds(8 + random.nextInt(6)) + "\""
              : "";
      Reply r =
          send(
              "organizations/" + org + "/adjustments",
              "{\"direction\":\"ADD\",\"credits\":"
                  + credits
                  + ",\"reason\":\"BONUS\""
                  + expiry
                  + "}",
              key);
      if (r.status() == 201) {
        acknowledged.merge(org, BigDecimal.valueOf(credits), BigDecimal::add);
        additions.get(org).incrementAndGet();
      }
    } else if (op < 7) {
      int credits = 1 + random.nextInt(12);
      Reply r =
          send(
              "organizations/" + org + "/adjustments",
              "{\"direction\":\"DEDUCT\",\"credits\":"
                  + credits
                  + ",\"reason\":\"CORRECTION\",\"description\":\"metered overage\"}",
              key);
      if (r.status() == 201) {
        acknowledged.merge(org, BigDecimal.valueOf(-credits), BigDecimal::add);
      }
    } else {
      String to = "org-" + random.nextInt(ORGANIZATIONS);
      if (to.equals(org)) {
        return;
      }
      int credits = 1 + random.nextInt(10);
      Reply r =
          send(
              "transfers",
              "{\"fromOrganization\":\""
                  + org
                  + "\",\"toOrganization\":\""
                  + to
                  + "\",\"credits\":"
                  + credits
                  + ",\"reason\":\"ADJUSTMENT\"}",
              key);
      if (r.status() == 201) {
        acknowledged.merge(org, BigDecimal.valueOf(-credits), BigDecimal::add);
        acknowledged.merge(to, BigDecimal.valueOf(credits), BigDecimal::add);
      }
    }
  }

  /**
   * Three usage batches of {@link #BATCH_ITEMS} items are sent to node 1 at once; as soon as their
   * keys' claims are in the database (in flight), node 1 is killed. Their retries, with the same
   * keys, to the other nodes answer 409 {@code idempotency-key-in-use} only until the dead node's
   * leases run out ({@code Idempotency.LEASE}, 6 s), not for a minute; each batch's items are
   * consumed once (the final balances check that).
   */
  private void inFlightKeysAfterAKill(HikariDataSource ds) throws Exception {
    Node victim = nodes.get(1);
    List<String> keys = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    List<String> orgs = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      String org = "org-" + b;
      Reply funded =
          send(
              "organizations/" + org + "/adjustments",
              "{\"direction\":\"ADD\",\"credits\":" + BATCH_ITEMS + ",\"reason\":\"BONUS\"}",
              "cluster-fund-" + UUID.randomUUID());
      assertThat(funded.status()).isEqualTo(201);
      acknowledged.merge(org, BigDecimal.valueOf(BATCH_ITEMS), BigDecimal::add);
      additions.get(org).incrementAndGet();
      String batch = "batch-" + UUID.randomUUID();
      StringBuilder body = new StringBuilder("{\"items\":[");
      for (int i = 0; i < BATCH_ITEMS; i++) {
        body.append(i == 0 ? "" : ",")
            .append("{\"organization\":\"")
            .append(org)
            .append("\",\"credits\":1,\"idempotencyKey\":\"")
            .append(batch)
            .append('-')
            .append(i)
            .append("\"}");
      }
      keys.add("cluster-" + batch);
      bodies.add(body.append("]}").toString());
      orgs.add(org);
    }
    ExecutorService senders = Executors.newFixedThreadPool(keys.size());
    long killedAt;
    int inFlight;
    try {
      for (int b = 0; b < keys.size(); b++) {
        int n = b;
        senders.submit(
            () -> victim.api.post("team", path("usage/batch"), bodies.get(n), keys.get(n)));
      }
      inFlight = awaitClaims(ds, keys);
      victim.kill();
      killedAt = System.nanoTime();
    } finally {
      senders.shutdownNow();
    }
    assertThat(inFlight).as("a batch still in flight when its node was killed").isPositive();
    victim.start();
    long slowest = 0;
    for (int b = 0; b < keys.size(); b++) {
      Reply r;
      int inUse = 0;
      long sentAt;
      while (true) {
        Node n = nodes.get(b % 2 == 0 ? 0 : 2);
        sentAt = System.nanoTime();
        r = n.api.post("team", path("usage/batch"), bodies.get(b), keys.get(b));
        if (r.status() != 409 && r.status() != 503) {
          break;
        }
        if (r.status() == 409) {
          assertThat(r.json().getString("code")).isEqualTo("idempotency-key-in-use");
          inUse++;
        }
        assertThat(System.nanoTime() - killedAt)
            .as("the retry of %s still refused %s after the kill", keys.get(b), r)
            .isLessThan(TimeUnit.SECONDS.toNanos(20));
        Pauses.pause(100);
      }
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      for (var item : r.json().getJsonArray("items")) {
        assertThat(item.asJsonObject().getInt("status")).as(item.toString()).isEqualTo(201);
      }
      acknowledged.merge(orgs.get(b), BigDecimal.valueOf(-BATCH_ITEMS), BigDecimal::add);
      // When the retry that ran was sent (it then runs the whole batch again).
      slowest = Math.max(slowest, sentAt - killedAt);
      outcomes.computeIfAbsent("in-flight-409s", k -> new AtomicInteger()).addAndGet(inUse);
    }
    outcomes.computeIfAbsent("in-flight-at-kill", k -> new AtomicInteger()).addAndGet(inFlight);
    outcomes
        .computeIfAbsent("in-flight-taken-over-within-ms", k -> new AtomicInteger())
        .set((int) TimeUnit.NANOSECONDS.toMillis(slowest));
    victim.awaitHealthy();
  }

  /**
   * Waits until every key has its record, and answers how many of them are still claims (status 0:
   * in flight) at that moment.
   */
  private static int awaitClaims(HikariDataSource ds, List<String> keys) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String in = "'" + String.join("','", keys) + "'";
    while (true) {
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT count(*), count(CASE WHEN status = 0 THEN 1 END)"
                      + " FROM credits_api_idempotency WHERE idempotency_key IN ("
                      + in
                      + ")")) {
        rs.next();
        if (rs.getInt(1) == keys.size()) {
          return rs.getInt(2);
        }
      }
      assertThat(System.nanoTime()).as("the batches' claims never appeared").isLessThan(deadline);
      Pauses.pause(5);
    }
  }

  /**
   * Sends to the next node; a node that does not answer (killed, restarting) or answers 503 gets
   * the same request, same key, sent to the next one. Any answer other than 201, 402 or a replay's
   * 201 fails the test.
   */
  private Reply send(String path, String json, String key) {
    for (int attempt = 0; attempt < 40; attempt++) {
      Node n = nodes.get(Math.floorMod(nextNode.getAndIncrement(), NODES));
      Reply r;
      try {
        r = n.api.post("team", path(path), json, key);
      } catch (UncheckedIOException lost) {
        outcomes.computeIfAbsent("node-unreachable", k -> new AtomicInteger()).incrementAndGet();
        Pauses.pause(50);
        continue;
      }
      if (r.status() == 503) {
        outcomes.computeIfAbsent("503", k -> new AtomicInteger()).incrementAndGet();
        Pauses.pause(50);
        continue;
      }
      String outcome =
          r.status() + ("true".equals(r.header("Idempotent-Replayed")) ? "-replayed" : "");
      outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
      assertThat(r.status()).as("%s %s: %s", path, json, r).isIn(201, 402);
      if (r.status() == 201 && attempt == 0 && Math.floorMod(key.hashCode(), 6) == 0) {
        // A client that lost the answer sends it again, to another node: the same answer, once.
        Node other = nodes.get(Math.floorMod(nextNode.getAndIncrement(), NODES));
        try {
          Reply again = other.api.post("team", path(path), json, key);
          if (again.status() != 503) {
            assertThat(again.status()).as("replay of %s: %s", key, again).isEqualTo(201);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.json()).isEqualTo(r.json());
            outcomes.computeIfAbsent("201-replayed", k -> new AtomicInteger()).incrementAndGet();
          }
        } catch (UncheckedIOException lost) {
          // that node is down right now; the first answer stands
        }
      }
      return r;
    }
    throw new AssertionError("no node answered " + path + " " + json);
  }

  /**
   * Waits (bounded) until no lot is past its expiry with credits left and every allotment has its
   * six days: what the three nodes' schedulers must do on their own.
   */
  private static void awaitJobs(HikariDataSource ds, List<AllotmentView> allotments)
      throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      long nowMicros = Instant.now().minusSeconds(1).toEpochMilli() * 1000;
      int lapsed;
      int grants;
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM credits_lot WHERE remaining > 0 AND expires_at < "
                    + nowMicros)) {
          rs.next();
          lapsed = rs.getInt(1);
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM credits_allotment_grant")) {
          rs.next();
          grants = rs.getInt(1);
        }
      }
      if (lapsed == 0 && grants >= 6 * allotments.size()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the nodes' jobs did not catch up: " + lapsed + " lapsed lots, " + grants + " grants");
      }
      Pauses.pause(250);
    }
  }

  private static String path(String rest) {
    return "workspaces/" + WORKSPACE + "/" + rest;
  }

  private static List<LedgerEntryView> entries(Credits4j sdk, WalletRef w, EntryType type) {
    return LedgerAssertions.entries(sdk.ledger(), w, type);
  }

  private static BigDecimal sum(List<LedgerEntryView> entries) {
    return entries.stream().map(e -> e.amount().abs()).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The test JVM's class path (Surefire passes it in a manifest-only jar otherwise). */
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
