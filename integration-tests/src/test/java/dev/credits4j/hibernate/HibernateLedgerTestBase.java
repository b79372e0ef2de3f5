package dev.credits4j.hibernate;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.testing.LedgerAssertions;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The SDK built with {@code Credits4j.builder().entityManagerFactory(hibernate)}: each test gets a
 * fresh workspace and a clock of its own, and every wallet it registered must reconcile and verify
 * once it ends.
 */
@Tag("database")
abstract class HibernateLedgerTestBase {
  static final CurrencyUnit USD = Monetary.getCurrency("USD");
  static final Actor TEAM = Actor.team("u-tess", "Tess Team");
  static final Actor CLIENT = Actor.client("u-cleo", "Cleo Client");
  static final Actor SYSTEM = Actor.system("billing-job");

  final MutableClock clock = MutableClock.at("2026-01-15T10:00:00Z");
  final Set<WalletRef> touched = new LinkedHashSet<>();
  Credits4j credits;
  CreditLedger ledger;
  Workspaces workspaces;
  String ws;

  /** The isolation level of the connections the factory uses. */
  TestDatabase.Isolation isolation() {
    return TestDatabase.Isolation.READ_COMMITTED;
  }

  /** Further builder settings of a test class. */
  Credits4j.Builder configure(Credits4j.Builder builder) {
    return builder;
  }

  @BeforeEach
  void openLedgerOnHibernate() {
    credits =
        configure(
                Credits4j.builder()
                    .entityManagerFactory(HibernateUnit.shared(isolation()))
                    .ledgerKeys(dev.credits4j.testing.TestDatabase.LEDGER_KEYS)
                    .clock(clock))
            .build();
    ledger = credits.ledger();
    workspaces = credits.workspaces();
    ws = "ws-" + UUID.randomUUID().toString().substring(0, 8);
    workspaces.create(WorkspaceSettings.builder(ws, USD).name("Agency " + ws).build());
  }

  @AfterEach
  void everyTouchedWalletIsHealthy() {
    LedgerAssertions.assertHealthy(ledger, touched);
  }

  WalletRef wallet(String organization) {
    WalletRef ref = WalletRef.of(ws, organization);
    workspaces.registerOrganization(ref, organization.toUpperCase());
    touched.add(ref);
    return ref;
  }

  static BigDecimal n(long value) {
    return BigDecimal.valueOf(value);
  }

  Instant daysFromNow(int days) {
    return clock.instant().plusSeconds(days * 86_400L);
  }

  /** Free credits that never expire. */
  LedgerEntryView grant(WalletRef w, long credits) {
    return ledger.grant(GrantRequest.builder(w, n(credits), SYSTEM).build());
  }

  /** Credits with a cost basis per credit (USD) and an optional expiry. */
  LedgerEntryView grantPaid(WalletRef w, long credits, String basis, Instant expiresAt) {
    return ledger.grant(
        GrantRequest.builder(w, n(credits), SYSTEM)
            .costBasis(Money.of(new BigDecimal(basis), USD))
            .expiresAt(expiresAt)
            .build());
  }

  LedgerEntryView consume(WalletRef w, long credits) {
    return ledger.consume(ConsumeRequest.of(w, n(credits), CLIENT, null));
  }

  /** The lot a grant created: its only allocation. */
  static LotId lotOf(LedgerEntryView grant) {
    return grant.allocations().get(0).lot();
  }

  LotView lot(WalletRef w, LotId id) {
    return ledger.balance(w).lots().stream()
        .filter(l -> l.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no open lot " + id + " in " + w));
  }

  BigDecimal balanceOf(WalletRef w) {
    return ledger.balance(w).balance();
  }

  long entries(WalletRef w) {
    return ledger.reconcile(w).entries();
  }

  /**
   * Runs {@code work} on {@code threads} threads released together, waits for all of them, and then
   * rethrows the first failure, so that no thread is still writing when the wallets are checked.
   */
  static <T> List<T> runInParallel(int threads, Work<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return work.run(thread);
                }));
      }
      List<T> results = new ArrayList<>();
      ExecutionException failure = null;
      for (Future<T> f : futures) {
        try {
          results.add(f.get(120, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /** What one of {@link #runInParallel}'s threads does. */
  @FunctionalInterface
  interface Work<T> {
    T run(int thread) throws Exception;
  }
}
