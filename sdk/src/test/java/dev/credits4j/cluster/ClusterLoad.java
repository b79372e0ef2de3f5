package dev.credits4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.testing.LedgerAssertions;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
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
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.money.Monetary;

/**
 * A client load for clustered databases: threads sending consumes, additions and transfers (two of
 * the wallets hot), each operation with its own idempotency key, to a preferred node, and on a
 * failure that leaves the outcome unknown (the node or the connection went away) again to the next
 * node with the same key, until answered. A tally of what was acknowledged feeds {@link #verify}:
 * every acknowledged operation exactly once in the ledger, nothing else, every balance as tallied,
 * every invariant.
 */
final class ClusterLoad {
  static final BigDecimal SEED = new BigDecimal(1_000_000);
  static final int THREADS = 6;
  static final long PHASE_TIMEOUT_SECONDS = 180;
  private static final Actor SYSTEM = Actor.system("cluster-test");
  private static final Actor CLIENT = Actor.client("u-cluster", "Cluster Client");

  final List<Supplier<CreditLedger>> nodes;
  final List<WalletRef> wallets;
  final boolean spread;
  final LongAdder acknowledged = new LongAdder();
  final LongAdder refused = new LongAdder();
  final LongAdder failedOver = new LongAdder();
  final AtomicLongArray byNode;
  final Map<WalletRef, List<String>> keys = new ConcurrentHashMap<>();
  final Map<WalletRef, BigDecimal> expected = new ConcurrentHashMap<>();
  final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  final AtomicBoolean stop = new AtomicBoolean();
  final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
  final List<Future<?>> running = new ArrayList<>();

  /**
   * A load over {@code nodes} (each gives the ledger to send to; the same supplier may return a new
   * one after a failover), on {@code wallets}, each seeded with {@link #SEED} credits under the key
   * {@code seed-<organization>}; {@code spread}: thread <i>t</i> prefers node <i>t</i> mod n, else
   * node 0.
   */
  ClusterLoad(List<Supplier<CreditLedger>> nodes, List<WalletRef> wallets, boolean spread) {
    this.nodes = nodes;
    this.wallets = wallets;
    this.spread = spread;
    this.byNode = new AtomicLongArray(nodes.size());
    for (WalletRef w : wallets) {
      keys.put(w, Collections.synchronizedList(new ArrayList<>()));
      expected.put(w, SEED);
    }
  }

  void start() {
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      SplittableRandom random = new SplittableRandom(31L * t + 7);
      running.add(
          threads.submit(
              () -> {
                while (!stop.get()) {
                  step(thread, random);
                }
                return null;
              }));
    }
  }

  void await(String phase, BooleanSupplier done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PHASE_TIMEOUT_SECONDS);
    while (!done.getAsBoolean()) {
      for (Future<?> f : running) {
        if (f.isDone()) {
          f.get(); // a client failed: surface its error
        }
      }
      assertThat(System.nanoTime())
          .as("%s: %d operations acknowledged so far", phase, acknowledged.sum())
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  void stop() throws Exception {
    if (stop.getAndSet(true)) {
      return;
    }
    try {
      for (Future<?> f : running) {
        f.get(PHASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private void step(int thread, SplittableRandom random) {
    WalletRef w = pick(random);
    int kind = random.nextInt(4);
    BigDecimal credits = BigDecimal.valueOf(1 + random.nextInt(5));
    String key = "load-" + UUID.randomUUID();
    WalletRef to = kind == 3 ? other(w, random) : null;
    int node = spread ? thread % nodes.size() : 0;
    long began = System.nanoTime();
    long deadline = began + TimeUnit.SECONDS.toNanos(PHASE_TIMEOUT_SECONDS);
    while (true) {
      CreditLedger ledger = nodes.get(node).get();
      try {
        switch (kind) {
          case 0, 1 -> ledger.consume(ConsumeRequest.of(w, credits, CLIENT, key));
          case 2 ->
              ledger.grant(GrantRequest.builder(w, credits, SYSTEM).idempotencyKey(key).build());
          default ->
              ledger.transfer(
                  new TransferRequest(w, to, credits, ReasonCode.CORRECTION, null, SYSTEM, key));
        }
      } catch (CreditsException e) {
        if (e.code() == ErrorCode.INSUFFICIENT_CREDITS) {
          refused.increment();
          return;
        }
        if (e.code() != ErrorCode.CONTENTION) {
          throw e;
        }
        node = failOver(node, deadline, key, e);
        continue;
      } catch (RuntimeException e) {
        if (!lostConnection(e)) {
          throw e;
        }
        node = failOver(node, deadline, key, e);
        continue;
      }
      latencies.add(System.nanoTime() - began);
      BigDecimal signed = kind == 2 ? credits : credits.negate();
      keys.get(w).add(key);
      expected.merge(w, signed, BigDecimal::add);
      if (to != null) {
        keys.get(to).add(key);
        expected.merge(to, credits, BigDecimal::add);
      }
      byNode.incrementAndGet(node);
      acknowledged.increment();
      return;
    }
  }

  private int failOver(int node, long deadline, String key, RuntimeException cause) {
    failedOver.increment();
    if (System.nanoTime() > deadline) {
      throw new AssertionError(key + " never answered", cause);
    }
    pause(20);
    return (node + 1) % nodes.size();
  }

  /**
   * A failure that leaves the outcome unknown: the node or the connection to it went away (SQLState
   * class 08; PostgreSQL's 57P0x, a server shutting down or starting; or the pool could not
   * connect). Anything else is a definite failure and fails the test at once.
   */
  private static boolean lostConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException
          || t instanceof SQLException sql
              && sql.getSQLState() != null
              && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  private WalletRef pick(SplittableRandom random) {
    // Two hot wallets take most writes, so concurrent writers on different nodes collide.
    return random.nextInt(10) < 7
        ? wallets.get(random.nextInt(2))
        : wallets.get(random.nextInt(wallets.size()));
  }

  private WalletRef other(WalletRef w, SplittableRandom random) {
    WalletRef to;
    do {
      to = wallets.get(random.nextInt(wallets.size()));
    } while (to.equals(w));
    return to;
  }

  double percentile(double p) {
    List<Long> sorted;
    synchronized (latencies) {
      sorted = new ArrayList<>(latencies);
    }
    Collections.sort(sorted);
    return sorted.isEmpty()
        ? 0
        : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
  }

  /** Every acknowledged operation once, nothing else, balances as tallied, invariants clean. */
  void verify(CreditLedger check) {
    for (WalletRef w : wallets) {
      assertThat(check.balance(w).balance())
          .as("%s: the seed and what was acknowledged", w)
          .isEqualByComparingTo(expected.get(w));
      List<String> want = new ArrayList<>(keys.get(w));
      want.add("seed-" + w.organization());
      assertThat(keysOf(check, w))
          .as("%s: each acknowledged operation exactly once", w)
          .containsExactlyInAnyOrderElementsOf(want);
    }
    LedgerAssertions.assertHealthy(check, wallets);
  }

  /** A workspace created through {@code workspaces} with {@code count} seeded wallets. */
  static List<WalletRef> seededWallets(Credits4j sdk, int count) {
    String ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
    sdk.workspaces().create(WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).build());
    List<WalletRef> wallets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      WalletRef w = WalletRef.of(ws, "org-" + i);
      sdk.workspaces().registerOrganization(w, "Org " + i);
      sdk.ledger()
          .grant(
              GrantRequest.builder(w, SEED, SYSTEM)
                  .idempotencyKey("seed-" + w.organization())
                  .build());
      wallets.add(w);
    }
    return wallets;
  }

  /** The idempotency keys of every entry of a wallet, all pages. */
  static List<String> keysOf(CreditLedger ledger, WalletRef w) {
    List<String> keys = new ArrayList<>();
    HistoryQuery q = new HistoryQuery(w, EnumSet.allOf(EntryType.class), null, null, null, 500);
    while (true) {
      HistoryPage page = ledger.history(q);
      page.entries().forEach(e -> keys.add(e.idempotencyKey()));
      if (!page.hasMore()) {
        return keys;
      }
      q = q.next(page.nextCursor());
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
